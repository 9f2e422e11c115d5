package vn.kyso.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import eu.europa.esig.dss.simplereport.SimpleReport;
import org.junit.jupiter.api.DynamicTest;

import vn.kyso.pki.TrustStore;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.verify.DocumentReport;
import vn.kyso.verify.Indication;
import vn.kyso.verify.PdfSignatureVerifier;
import vn.kyso.xml.DssXades;

/**
 * What the legacy document system received while the browser drove its vgcaplugin.js page (70-vgca.browser.mjs),
 * judged here in Java: the approved, issued and copied PDFs, each valid for our verifier and for EU DSS with one more
 * signature than the step before, the page's SessionId and JWT forwarded, and not one request at the foreign server.
 */
final class LegacyUploadChecks {

    private static final List<String> STAGES = List.of("approved", "issued", "copy");

    private LegacyUploadChecks() {
    }

    /** Read when the browser scripts are done; the judging runs as the returned tests. */
    static List<DynamicTest> of(LegacyDocumentSystem system, LegacyDocumentSystem foreign) {
        // the PDF workflow's uploads; the invoice the same page signed is judged by LegacyInvoiceChecks
        List<LegacyDocumentSystem.Received> uploads = system.uploads().stream()
                .filter(u -> STAGES.contains(u.stage())).toList();
        List<String> unauthorised = system.unauthorised();
        int foreignRequests = foreign.requests();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("VGCA page: the FileUploadHandler received approve, issue and copy, in order",
                () -> assertEquals(STAGES, uploads.stream().map(LegacyDocumentSystem.Received::stage).toList())));
        tests.add(DynamicTest.dynamicTest("VGCA page: every download carried the page's JWT",
                () -> assertEquals(List.of(), unauthorised)));
        tests.add(DynamicTest.dynamicTest("VGCA page: the foreign server received no request at all",
                () -> assertEquals(0, foreignRequests)));
        for (int i = 0; i < uploads.size() && i < STAGES.size(); i++) {
            LegacyDocumentSystem.Received upload = uploads.get(i);
            int signatures = i + 1;
            String name = "VGCA page, " + upload.stage() + ": ";
            tests.add(DynamicTest.dynamicTest(name + "SessionId, JWTToken and Authorization forwarded", () -> {
                assertEquals(system.sessionId(), upload.sessionId());
                assertEquals(system.jwt(), upload.jwtToken());
                assertEquals("Bearer " + system.jwt(), upload.authorization());
                assertTrue(new String(upload.content(), 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-"));
            }));
            tests.add(DynamicTest.dynamicTest(name + signatures + " signature(s), valid for our verifier", () -> {
                TrustStore trust = TrustStore.empty();
                trust.add(TestEnvironment.shared().pki().root());
                DocumentReport report = PdfSignatureVerifier.builder(trust).build().verify(upload.content());
                assertEquals(Indication.TOTAL_PASSED, report.indication(), report.toString());
                assertEquals(signatures, report.signatures().stream().filter(s -> !s.documentTimestamp()).count());
            }));
            tests.add(DynamicTest.dynamicTest(name + signatures + " signature(s), TOTAL_PASSED for EU DSS", () -> {
                SimpleReport report = dss(upload.content());
                assertEquals(signatures, report.getSignatureIdList().size(), "signatures found by DSS");
                for (String id : report.getSignatureIdList()) {
                    assertEquals(eu.europa.esig.dss.enumerations.Indication.TOTAL_PASSED, report.getIndication(id),
                            id + ": " + report.getSubIndication(id) + " " + report.getAdESValidationErrors(id));
                }
            }));
        }
        return tests;
    }

    /** EU DSS in its own JVM ({@link DssXades}), trusting the test root, with the loopback OCSP, CRL and AIA. */
    private static SimpleReport dss(byte[] pdf) throws IOException {
        return DssXades.reports(pdf, null, true).getSimpleReport();
    }
}
