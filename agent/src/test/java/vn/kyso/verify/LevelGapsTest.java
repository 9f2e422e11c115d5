package vn.kyso.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import vn.kyso.errors.Language;
import vn.kyso.pdf.PadesLevel;
import vn.kyso.pdf.PadesOptions;
import vn.kyso.pdf.PadesSigner;
import vn.kyso.pdf.PadesTestSupport;
import vn.kyso.pki.TrustStore;
import vn.kyso.testpki.PkiServices.Service;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;
import vn.kyso.verify.report.ReportText;

/**
 * The format level and the reasons it stops, as the văn thư reads them: named as EU DSS names the level, with one
 * line per missing piece, in Vietnamese and English, in the text and the JSON report; and offline judgement from the
 * evidence the CMS itself carries.
 */
class LevelGapsTest {

    private static final TestEnvironment ENV = TestEnvironment.shared();

    private static PdfSignatureVerifier verifier(boolean online) {
        TrustStore trust = TrustStore.empty();
        trust.add(ENV.pki().root());
        return PdfSignatureVerifier.builder(trust).online(online).build();
    }

    @Test
    void aBtSignatureSaysWhichCertificatesLackValidationData() throws Exception {
        byte[] pdf = new PadesSigner(PadesTestSupport.services()).sign(TestPdfSigner.blankPdf("Cong van 7"),
                PadesTestSupport.signer(TestPki.PERSONAL_AN), PadesOptions.defaults().withLevel(PadesLevel.B_T))
                .document();

        DocumentReport report = verifier(true).verify(pdf);
        SignatureReport signature = report.signatures().get(0);

        assertEquals(SignatureLevel.PADES_B_T, signature.level());
        List<String> codes = signature.levelGaps().stream().map(LevelGap::code).toList();
        assertEquals(List.of("LEVEL_NO_VALIDATION_DATA_SIGNER", "LEVEL_NO_VALIDATION_DATA_TSA"), codes);
        assertTrue(signature.levelGaps().get(0).messageEn().contains("Nguyễn Văn An"), codes.toString());
        assertTrue(signature.levelGaps().get(1).messageVi().contains("TSA chuyên dùng Chính phủ"),
                signature.levelGaps().toString());
        String en = ReportText.render(report, Language.EN);
        assertTrue(en.contains("Signature level: PAdES-BASELINE-T (with a timestamp)"), en);
        assertTrue(en.contains("Why not a higher level: no validation data (OCSP/CRL) for the TSA's chain"), en);
        String vi = ReportText.render(report);
        assertTrue(vi.contains("Vì sao chưa đạt mức cao hơn: không có dữ liệu kiểm tra"), vi);
        String json = ReportJson.toJson(report);
        assertTrue(json.contains("\"level\" : \"PAdES-BASELINE-T\"") && json.contains("LEVEL_NO_VALIDATION_DATA_TSA"),
                json);
    }

    /**
     * Acrobat's way: revocation data in adbe-revocationInfoArchival, no /DSS. Offline the verifier judges the
     * signer's chain from it; the level stays PKCS7-T because EN 319 142-1 (and DSS) want the data in a /DSS for LT.
     */
    @Test
    void adobeArchivedRevocationIsUsedOfflineButIsNoLt() throws Exception {
        var an = ENV.pki().get(TestPki.PERSONAL_AN);
        byte[] pdf = TestPdfSigner.sign(TestPdfSigner.blankPdf("Cong van 8"), an,
                TestPdfSigner.Options.of(an, ENV.services().urls().tsa())
                        .adobeStyle(DssConformanceTest.archivalFor(ENV.pki(), an, true)));
        ENV.services().setAvailable(Service.OCSP, false);
        ENV.services().setAvailable(Service.CRL, false);
        try {
            DocumentReport report = verifier(false).verify(pdf);
            SignatureReport signature = report.signatures().get(0);
            assertEquals(Indication.TOTAL_PASSED, signature.indication(), ReportJson.toJson(report));
            assertEquals(RevocationSource.EMBEDDED_OCSP, signature.revocation().source());
            assertEquals(TimeSource.TIMESTAMP, signature.signingTime().source(), "the TSA's chain judged offline too");
            assertEquals(RevocationSource.EMBEDDED_OCSP, signature.timestamp().tsaRevocationSource());
            String vi = ReportText.render(report);
            assertTrue(vi.contains("tình trạng chứng thư TSA theo OCSP nhúng trong văn bản"), vi);
            assertEquals(SignatureLevel.PKCS7_T, signature.level());
            assertEquals(List.of("LEVEL_NO_DSS_DICTIONARY"), signature.levelGaps().stream().map(LevelGap::code)
                    .toList());
        } finally {
            ENV.services().setAvailable(Service.OCSP, true);
            ENV.services().setAvailable(Service.CRL, true);
        }
    }

    @Test
    void aCmsWithoutSignedAttributesIsNotEtsi() throws Exception {
        var an = ENV.pki().get(TestPki.PERSONAL_AN);
        byte[] pdf = TestPdfSigner.sign(TestPdfSigner.blankPdf("Cong van 9"), an,
                TestPdfSigner.Options.of(an, null).withoutSignedAttributes());

        SignatureReport signature = verifier(true).verify(pdf).signatures().get(0);

        assertEquals(SignatureLevel.PDF_NOT_ETSI, signature.level());
        assertEquals("LEVEL_NOT_ETSI_NO_SIGNED_ATTRIBUTES", signature.levelGaps().get(0).code());
        // The value verifies, but nothing binds the certificate or content type to it (SignedAttributesCheck).
        assertEquals(SubIndication.SIG_CONSTRAINTS_FAILURE, signature.subIndication(), signature.reason());
    }
}
