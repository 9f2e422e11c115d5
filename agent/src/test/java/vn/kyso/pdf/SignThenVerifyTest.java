package vn.kyso.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import vn.kyso.pki.TrustStore;
import vn.kyso.testpki.PkiServices.Service;
import vn.kyso.testpki.TestPki;
import vn.kyso.verify.CertificateType;
import vn.kyso.verify.DocumentReport;
import vn.kyso.verify.Indication;
import vn.kyso.verify.PdfSignatureVerifier;
import vn.kyso.verify.RevocationSource;
import vn.kyso.verify.SignatureLevel;
import vn.kyso.verify.SignatureReport;

/**
 * Our signer's output judged by our verifier: every level, the three-signer workflow, and — the point of B-LT — a
 * document that still verifies when the OCSP and CRL services are gone, from the evidence embedded at signing.
 */
class SignThenVerifyTest {

    private static PdfSignatureVerifier verifier(boolean online) {
        TrustStore trust = TrustStore.empty();
        trust.add(PadesFixture.ENV.pki().root());
        return PdfSignatureVerifier.builder(trust).online(online).build();
    }

    private static byte[] sign(byte[] pdf, String alias, PadesLevel level) {
        return new PadesSigner(PadesFixture.services()).sign(pdf, PadesFixture.signer(alias),
                PadesOptions.defaults().withLevel(level).withPolicy(LevelPolicy.STRICT)).document();
    }

    @Test
    void everyLevelWeProduceIsTotalPassedAtThatLevel() throws Exception {
        for (PadesLevel level : PadesLevel.values()) {
            DocumentReport report = verifier(true).verify(sign(PadesFixture.samplePdf(), TestPki.PERSONAL_AN, level));
            assertEquals(Indication.TOTAL_PASSED, report.indication(), level + ": " + report);
            SignatureReport signature = report.signatures().stream().filter(s -> !s.documentTimestamp())
                    .findFirst().orElseThrow();
            SignatureLevel expected = switch (level) {
                case B_B -> SignatureLevel.PADES_B_B;
                case B_T -> SignatureLevel.PADES_B_T;
                case B_LT -> SignatureLevel.PADES_B_LT;
                case B_LTA -> SignatureLevel.PADES_B_LTA;
            };
            assertEquals(expected, signature.level(), level + ": " + signature);
            assertTrue(signature.signer().name().contains("Nguyễn Văn An"), signature.signer().toString());
        }
    }

    @Test
    void blTDocumentsVerifyOfflineFromEmbeddedEvidence() throws Exception {
        byte[] signed = sign(PadesFixture.samplePdf(), TestPki.PERSONAL_AN, PadesLevel.B_LT);
        PadesFixture.ENV.services().setAvailable(Service.OCSP, false);
        PadesFixture.ENV.services().setAvailable(Service.CRL, false);
        try {
            DocumentReport report = verifier(false).verify(signed);
            assertEquals(Indication.TOTAL_PASSED, report.indication(), report.toString());
            RevocationSource source = report.signatures().get(0).revocation().source();
            assertTrue(source == RevocationSource.EMBEDDED_OCSP || source == RevocationSource.EMBEDDED_CRL,
                    source.toString());
            // the same document signed only at B-T cannot be judged offline: INDETERMINATE, never valid
            byte[] bt = sign(PadesFixture.samplePdf(), TestPki.PERSONAL_AN, PadesLevel.B_T);
            assertEquals(Indication.INDETERMINATE, verifier(false).verify(bt).indication());
        } finally {
            PadesFixture.ENV.services().setAvailable(Service.OCSP, true);
            PadesFixture.ENV.services().setAvailable(Service.CRL, true);
        }
    }

    @Test
    void twoPersonalSignaturesAndTheSealAllPassAndNothingIsModifiedAfter() throws Exception {
        byte[] doc = PadesFixture.samplePdf();
        for (String alias : List.of(TestPki.PERSONAL_AN, TestPki.PERSONAL_BINH, TestPki.ORGANISATION)) {
            doc = sign(doc, alias, PadesLevel.B_LT);
        }
        DocumentReport report = verifier(true).verify(doc);
        assertEquals(Indication.TOTAL_PASSED, report.indication(), report.toString());
        List<SignatureReport> signatures = report.signatures().stream().filter(s -> !s.documentTimestamp()).toList();
        assertEquals(3, signatures.size());
        for (SignatureReport s : signatures) {
            assertTrue(!s.modifiedAfterSigning(), s.fieldName() + " " + s.changesAfter());
        }
        assertEquals(CertificateType.ORGANISATION, signatures.get(2).signer().certificateType());
    }
}
