package vn.kyso.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.junit.jupiter.api.Test;

import vn.kyso.cms.CadesLevel;
import vn.kyso.cms.CadesOptions;
import vn.kyso.cms.CadesSigner;
import vn.kyso.pdf.PadesTestSupport;
import vn.kyso.pki.HttpFetcher;
import vn.kyso.pki.TimeStampClient;
import vn.kyso.pki.TrustStore;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.DigestAlgorithm;

/** Detached CMS verification: the PDF verifier's rules, per SignerInfo, over content given as bytes or a digest. */
class CmsSignatureVerifierTest {

    private static final byte[] CONTENT = "Công văn số 45/SKHCN-VP".getBytes(StandardCharsets.UTF_8);

    private static CmsSignatureVerifier verifier() {
        TrustStore trust = TrustStore.empty();
        trust.add(PadesTestSupport.root());
        return PdfSignatureVerifier.builder(trust).buildCmsVerifier();
    }

    private static byte[] sign(String alias, CadesLevel level) {
        CadesSigner signer = new CadesSigner(new TimeStampClient(HttpFetcher.withDefaults(),
                URI.create(TestEnvironment.shared().services().urls().tsa())));
        return signer.sign(CONTENT, PadesTestSupport.signer(alias), CadesOptions.of(level)).der();
    }

    private static SignatureReport only(DocumentReport report) {
        assertEquals(1, report.signatures().size(), ReportJson.toJson(report));
        return report.signatures().get(0);
    }

    @Test
    void goodSignatureReportsSignerRevocationAndLevel() {
        DocumentReport report = verifier().verify(sign(TestPki.PERSONAL_AN, CadesLevel.B_T), CONTENT);
        SignatureReport signature = only(report);
        assertEquals(Indication.TOTAL_PASSED, report.indication(), ReportJson.toJson(report));
        assertEquals("Nguyễn Văn An", signature.signer().name());
        assertEquals(RevocationStatus.GOOD, signature.revocation().status());
        assertEquals(SignatureLevel.CADES_B_T, signature.level());
        assertEquals(TimeSource.TIMESTAMP, signature.signingTime().source());
        assertEquals("SignerInfo #1", signature.fieldName());
    }

    @Test
    void tamperedContentIsHashFailure() {
        byte[] cms = sign(TestPki.PERSONAL_AN, CadesLevel.B_B);
        byte[] tampered = CONTENT.clone();
        tampered[0] ^= 1;

        DocumentReport report = verifier().verify(cms, tampered);

        assertEquals(Indication.TOTAL_FAILED, report.indication(), ReportJson.toJson(report));
        assertEquals(SubIndication.HASH_FAILURE, only(report).subIndication());
        // A failing signature keeps the format it carries (EU DSS reports it too).
        assertEquals(SignatureLevel.CADES_B_B, only(report).level());
    }

    @Test
    void digestOfOtherContentIsHashFailureAndAnotherAlgorithmIsSignedDataNotFound() throws Exception {
        byte[] cms = sign(TestPki.PERSONAL_AN, CadesLevel.B_B);
        byte[] other = MessageDigest.getInstance("SHA-256").digest("other".getBytes(StandardCharsets.UTF_8));
        assertEquals(SubIndication.HASH_FAILURE,
                only(verifier().verify(cms, other, DigestAlgorithm.SHA256)).subIndication());

        byte[] sha384 = MessageDigest.getInstance("SHA-384").digest(CONTENT);
        assertEquals(SubIndication.SIGNED_DATA_NOT_FOUND,
                only(verifier().verify(cms, sha384, DigestAlgorithm.SHA384)).subIndication());

        byte[] right = MessageDigest.getInstance("SHA-256").digest(CONTENT);
        assertEquals(Indication.TOTAL_PASSED, verifier().verify(cms, right, DigestAlgorithm.SHA256).indication());
    }

    @Test
    void revokedSignerIsRevoked() {
        DocumentReport report = verifier().verify(sign(TestPki.REVOKED, CadesLevel.B_T), CONTENT);
        assertEquals(Indication.TOTAL_FAILED, report.indication(), ReportJson.toJson(report));
        assertEquals(SubIndication.REVOKED, only(report).subIndication());
    }

    @Test
    void untrustedRootIsNoCertificateChainFound() {
        DocumentReport report = PdfSignatureVerifier.builder(TrustStore.empty()).buildCmsVerifier()
                .verify(sign(TestPki.PERSONAL_AN, CadesLevel.B_B), CONTENT);
        assertEquals(SubIndication.NO_CERTIFICATE_CHAIN_FOUND, only(report).subIndication());
    }

    @Test
    void garbageIsReportedNotThrown() {
        DocumentReport report = verifier().verify("not a CMS".getBytes(StandardCharsets.US_ASCII), CONTENT);
        assertEquals(VerifyError.CMS_UNREADABLE, report.error());
        assertEquals(Indication.TOTAL_FAILED, report.indication());
        assertTrue(report.signatures().isEmpty());
    }
}
