package vn.kyso.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.InMemoryDocument;
import org.junit.jupiter.api.DynamicTest;

import vn.kyso.cms.DssCades;
import vn.kyso.pki.TrustStore;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.verify.DocumentReport;
import vn.kyso.verify.Indication;
import vn.kyso.verify.PdfSignatureVerifier;

/**
 * The detached signature the vgcaplugin.js page made with vgca_sign_file (78-vgca-file.browser.mjs), as its
 * FileUploadHandler received it: EU DSS passes it at CAdES-BASELINE-T over the attachment, our CMS verifier agrees,
 * and both refuse it over the attachment with one byte changed.
 */
final class LegacyFileChecks {

    /** The handler's stage for the attachment's signature (index.html, exc_sign_file). */
    static final String STAGE = "attachment";

    private LegacyFileChecks() {
    }

    static List<DynamicTest> of(LegacyDocumentSystem system) {
        List<LegacyDocumentSystem.Received> uploads = system.uploads().stream()
                .filter(u -> STAGE.equals(u.stage())).toList();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("VGCA page, any file: the FileUploadHandler received one .p7s",
                () -> assertEquals(1, uploads.size(), "uploads at stage " + STAGE)));
        if (uploads.size() != 1) {
            return tests;
        }
        LegacyDocumentSystem.Received upload = uploads.get(0);
        byte[] p7s = upload.content();
        tests.add(DynamicTest.dynamicTest("VGCA page, any file: bang-ke.csv.p7s, with SessionId, JWTToken and "
                + "Authorization", () -> {
            assertEquals("bang-ke.csv.p7s", upload.fileName());
            assertEquals(system.sessionId(), upload.sessionId());
            assertEquals(system.jwt(), upload.jwtToken());
            assertEquals("Bearer " + system.jwt(), upload.authorization());
        }));
        tests.add(DynamicTest.dynamicTest("VGCA page, any file: EU DSS passes the .p7s at CAdES-BASELINE-T over the file",
                () -> DssCades.assertPassed(p7s, new InMemoryDocument(LegacyDocumentSystem.ATTACHMENT),
                        SignatureLevel.CAdES_BASELINE_T)));
        tests.add(DynamicTest.dynamicTest("VGCA page, any file: our verifier passes it, and refuses a changed file",
                () -> {
                    TrustStore trust = TrustStore.empty();
                    trust.add(TestEnvironment.shared().pki().root());
                    var verifier = PdfSignatureVerifier.builder(trust).buildCmsVerifier();
                    DocumentReport report = verifier.verify(p7s, LegacyDocumentSystem.ATTACHMENT);
                    assertEquals(Indication.TOTAL_PASSED, report.indication(), report.toString());
                    byte[] changed = LegacyDocumentSystem.ATTACHMENT.clone();
                    changed[changed.length - 2] ^= 1;
                    assertEquals(Indication.TOTAL_FAILED, verifier.verify(p7s, changed).indication());
                    var dss = DssCades.validate(p7s, new InMemoryDocument(changed));
                    assertEquals("TOTAL_FAILED", dss.getIndication(dss.getFirstSignatureId()).name());
                }));
        return tests;
    }
}
