package vn.kyso.pdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.junit.jupiter.api.Test;

import vn.kyso.cms.CmsSignatureBuilder;
import vn.kyso.errors.KysoException;
import vn.kyso.pki.TrustStore;
import vn.kyso.sign.TokenSignerPort;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.SignatureAlgorithm;
import vn.kyso.verify.DocumentReport;
import vn.kyso.verify.Indication;
import vn.kyso.verify.PdfSignatureVerifier;
import vn.kyso.verify.ReportJson;
import vn.kyso.verify.SignatureLevel;

/**
 * Two-step signing as a web app does it: prepare on the server, sign the digest with the user's key (SoftHSM2
 * here), complete — checked by our verifier, EU DSS and pdfsig; and every mismatch refused before anything is written.
 */
class RemotePadesSignerTest {

    private final RemotePadesSigner remote = new RemotePadesSigner(PadesFixture.services());

    private static PadesOptions options(PadesLevel level) {
        return PadesOptions.defaults().withLevel(level).withPolicy(LevelPolicy.STRICT)
                .withDetails("Nguyễn Văn An", "Phê duyệt", "Ninh Bình", null);
    }

    private static DocumentReport verify(byte[] pdf) {
        TrustStore trust = TrustStore.empty();
        trust.add(PadesFixture.ENV.pki().root());
        return PdfSignatureVerifier.builder(trust).build().verify(pdf);
    }

    @Test
    void rawSignatureValueOverTheSignedAttributesDigestCompletesToBLt() throws Exception {
        byte[] original = PadesFixture.samplePdf();
        TokenSignerPort an = PadesFixture.signer(TestPki.PERSONAL_AN);
        PreparedSignature prepared = remote.prepare(original, options(PadesLevel.B_LT), an.chain());

        // the state travels as JSON through the web app
        PreparedSignature restored = PreparedSignature.fromJson(prepared.toJson());
        assertArrayEquals(prepared.signedAttributesDigest(), restored.signedAttributesDigest());
        assertArrayEquals(sha256(prepared.signedAttributes()), prepared.signedAttributesDigest());
        PadesFixture.assertPrefix(original, restored.document());

        byte[] value = an.sign(restored.signedAttributesDigest(), restored.algorithm());
        SignResult result = remote.completeWithSignatureValue(restored, value);

        assertEquals(PadesLevel.B_LT, result.level(), result.warnings().toString());
        byte[] signed = result.document();
        PadesFixture.assertPrefix(original, signed);
        DocumentReport report = verify(signed);
        assertEquals(Indication.TOTAL_PASSED, report.indication(), ReportJson.toJson(report));
        assertEquals(SignatureLevel.PADES_B_LT, report.signatures().get(0).level());
        PadesFixture.assertDss(signed, eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_LT);
        PadesFixture.assertPdfsigValid(signed, 1, 0);
    }

    @Test
    void wholeCmsFromTheCallerCompletesToBT() throws Exception {
        TokenSignerPort an = PadesFixture.signer(TestPki.PERSONAL_AN);
        PreparedSignature prepared = remote.prepare(PadesFixture.samplePdf(), options(PadesLevel.B_T), an.chain());
        // the caller's own CMS over the prepared content digest (here built with the same key on the token)
        byte[] cms = CmsSignatureBuilder.encode(
                new CmsSignatureBuilder(an, prepared.algorithm()).build(prepared.contentDigest(), null));

        SignResult result = remote.completeWithCms(prepared, cms);

        assertEquals(PadesLevel.B_T, result.level());
        DocumentReport report = verify(result.document());
        assertEquals(Indication.TOTAL_PASSED, report.indication(), ReportJson.toJson(report));
        assertEquals(SignatureLevel.PADES_B_T, report.signatures().get(0).level());
        PadesFixture.assertDss(result.document(), eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_T);
        PadesFixture.assertPdfsigValid(result.document(), 1, 0);
    }

    @Test
    void ecdsaValueInWebCryptoFormIsAccepted() throws Exception {
        TokenSignerPort cuong = PadesFixture.signer(TestPki.PERSONAL_CUONG);
        PreparedSignature prepared = remote.prepare(PadesFixture.samplePdf(),
                options(PadesLevel.B_B).withAlgorithm(SignatureAlgorithm.ECDSA_SHA256), cuong.chain());
        byte[] der = cuong.sign(prepared.signedAttributesDigest(), SignatureAlgorithm.ECDSA_SHA256);

        SignResult result = remote.completeWithSignatureValue(prepared, p1363(der, 32));

        assertEquals(PadesLevel.B_B, result.level());
        DocumentReport report = verify(result.document());
        assertEquals(Indication.TOTAL_PASSED, report.indication(), ReportJson.toJson(report));
        PadesFixture.assertDss(result.document(), eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_B);
    }

    @Test
    void cmsOverAnotherDigestIsRefused() throws Exception {
        TokenSignerPort an = PadesFixture.signer(TestPki.PERSONAL_AN);
        PreparedSignature prepared = remote.prepare(PadesFixture.samplePdf(), options(PadesLevel.B_B), an.chain());
        byte[] cms = CmsSignatureBuilder.encode(new CmsSignatureBuilder(an, prepared.algorithm())
                .build(sha256("another document".getBytes()), null));

        assertRefused(() -> remote.completeWithCms(prepared, cms), "SIGNATURE_MISMATCH");
    }

    @Test
    void cmsFromAnotherKeyIsRefused() throws Exception {
        TokenSignerPort an = PadesFixture.signer(TestPki.PERSONAL_AN);
        TokenSignerPort binh = PadesFixture.signer(TestPki.PERSONAL_BINH);
        PreparedSignature prepared = remote.prepare(PadesFixture.samplePdf(), options(PadesLevel.B_B), an.chain());
        byte[] cms = CmsSignatureBuilder.encode(
                new CmsSignatureBuilder(binh, SignatureAlgorithm.RSA_PKCS1_SHA256).build(prepared.contentDigest(), null));

        assertRefused(() -> remote.completeWithCms(prepared, cms), "SIGNATURE_MISMATCH");
    }

    @Test
    void rawValueFromAnotherKeyOrOverAnotherDigestIsRefused() throws Exception {
        TokenSignerPort an = PadesFixture.signer(TestPki.PERSONAL_AN);
        TokenSignerPort binh = PadesFixture.signer(TestPki.PERSONAL_BINH);
        PreparedSignature prepared = remote.prepare(PadesFixture.samplePdf(), options(PadesLevel.B_B), an.chain());

        byte[] otherKey = binh.sign(prepared.signedAttributesDigest(), SignatureAlgorithm.RSA_PKCS1_SHA256);
        assertRefused(() -> remote.completeWithSignatureValue(prepared, otherKey), "SIGNATURE_MISMATCH");
        // the content digest instead of the signed attributes' digest: a common integration mistake
        byte[] otherDigest = an.sign(prepared.contentDigest(), prepared.algorithm());
        assertRefused(() -> remote.completeWithSignatureValue(prepared, otherDigest), "SIGNATURE_MISMATCH");
    }

    @Test
    void alteredPreparedDocumentIsRefused() throws Exception {
        TokenSignerPort an = PadesFixture.signer(TestPki.PERSONAL_AN);
        PreparedSignature prepared = remote.prepare(PadesFixture.samplePdf(), options(PadesLevel.B_B), an.chain());
        byte[] value = an.sign(prepared.signedAttributesDigest(), prepared.algorithm());
        byte[] document = prepared.document().clone();
        document[100] ^= 1;
        PreparedSignature altered = new PreparedSignature(document, prepared.byteRange(), prepared.algorithm(),
                prepared.contentDigest(), prepared.signedAttributes(), prepared.signedAttributesDigest(),
                prepared.certificates(), prepared.level(), prepared.policy(), prepared.timeStampWanted(),
                prepared.warnings());

        assertRefused(() -> remote.completeWithSignatureValue(altered, value), "PREPARED_STATE_INVALID");
        // and the genuine state still completes with the same value
        assertEquals(Indication.TOTAL_PASSED,
                verify(remote.completeWithSignatureValue(prepared, value).document()).indication());
    }

    private static void assertRefused(org.junit.jupiter.api.function.Executable completion, String code) {
        KysoException e = assertThrows(KysoException.class, completion);
        assertEquals(code, e.code(), e.getMessage());
        assertTrue(!e.messageVi().isBlank());
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    /** DER ECDSA-Sig-Value → r‖s, each {@code size} bytes (what WebCrypto returns). */
    private static byte[] p1363(byte[] der, int size) {
        ASN1Sequence sequence = ASN1Sequence.getInstance(der);
        byte[] out = new byte[2 * size];
        for (int i = 0; i < 2; i++) {
            byte[] n = unsigned(ASN1Integer.getInstance(sequence.getObjectAt(i)).getValue());
            System.arraycopy(n, 0, out, (i + 1) * size - n.length, n.length);
        }
        return out;
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
