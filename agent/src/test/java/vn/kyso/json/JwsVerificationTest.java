package vn.kyso.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.simplereport.SimpleReport;
import org.junit.jupiter.api.Test;

import vn.kyso.pdf.PadesTestSupport;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.SignatureAlgorithm;
import vn.kyso.verify.DocumentReport;
import vn.kyso.verify.Indication;
import vn.kyso.verify.ReportJson;
import vn.kyso.verify.SubIndication;

/**
 * Our verifier on attacks and broken signatures (each refused with a stable code), and on JAdES signatures made by
 * EU DSS, where it must reach DSS's own verdict.
 */
class JwsVerificationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private static JwsSignature compact(String alias) {
        return JsonSignerTest.signer().sign(JsonSignerTest.PAYLOAD, PadesTestSupport.signer(alias),
                JsonSignOptions.jades(JadesLevel.B_B, JwsSerialization.COMPACT));
    }

    private static DocumentReport verify(String jws, byte[] detached) {
        return JsonSignerTest.verifier().verify(jws.getBytes(StandardCharsets.US_ASCII), detached);
    }

    private static void assertFails(DocumentReport report, Indication indication, SubIndication sub) {
        assertEquals(indication, report.indication(), ReportJson.toJson(report));
        assertEquals(sub, report.signatures().get(0).subIndication(), ReportJson.toJson(report));
    }

    private static String header(String jws) {
        return new String(Base64.getUrlDecoder().decode(jws.split("\\.")[0]), StandardCharsets.UTF_8);
    }

    @Test
    void aChangedPayloadFailsTheSignatureValue() {
        String[] parts = compact(TestPki.PERSONAL_AN).serialized().split("\\.");
        String changed = new String(JsonSignerTest.PAYLOAD, StandardCharsets.UTF_8).replace("125.000.000",
                "925.000.000");
        String forged = parts[0] + "." + B64URL.encodeToString(changed.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
        assertFails(verify(forged, null), Indication.TOTAL_FAILED, SubIndication.SIG_CRYPTO_FAILURE);
        SimpleReport dss = DssJades.validate(forged.getBytes(StandardCharsets.US_ASCII), null);
        assertEquals(eu.europa.esig.dss.enumerations.Indication.TOTAL_FAILED,
                dss.getIndication(dss.getFirstSignatureId()), "DSS agrees");
    }

    @Test
    void aChangedDetachedDocumentFailsTheSigDDigest() {
        JwsSignature signature = JsonSignerTest.signer().sign(JsonSignerTest.PAYLOAD,
                PadesTestSupport.signer(TestPki.PERSONAL_AN),
                JsonSignOptions.jades(JadesLevel.B_B, JwsSerialization.FLATTENED).withDetached(true, "a.json"));
        byte[] changed = new String(JsonSignerTest.PAYLOAD, StandardCharsets.UTF_8).replace("42", "43")
                .getBytes(StandardCharsets.UTF_8);
        assertFails(verify(signature.serialized(), changed), Indication.TOTAL_FAILED, SubIndication.HASH_FAILURE);
        assertFails(verify(signature.serialized(), null), Indication.INDETERMINATE,
                SubIndication.SIGNED_DATA_NOT_FOUND);
    }

    @Test
    void aChangedProtectedHeaderFailsTheSignatureValue() throws Exception {
        String[] parts = compact(TestPki.PERSONAL_AN).serialized().split("\\.");
        ObjectNode header = (ObjectNode) JSON.readTree(header(parts[0] + "."));
        header.put("iat", header.get("iat").longValue() - 86_400); // back-dated by a day
        String forged = B64URL.encodeToString(JSON.writeValueAsBytes(header)) + "." + parts[1] + "." + parts[2];
        assertFails(verify(forged, null), Indication.TOTAL_FAILED, SubIndication.SIG_CRYPTO_FAILURE);
    }

    @Test
    void algNoneAndHmacAreRefusedForTheWholeDocument() {
        String payload = B64URL.encodeToString(JsonSignerTest.PAYLOAD);
        for (String alg : new String[] {"none", "HS256", "EdDSA"}) {
            String forged = B64URL.encodeToString(("{\"alg\":\"" + alg + "\"}").getBytes(StandardCharsets.UTF_8))
                    + "." + payload + "." + (alg.equals("none") ? "" : "c2lnbmF0dXJl");
            DocumentReport report = verify(forged, null);
            assertEquals(Indication.TOTAL_FAILED, report.indication(), alg);
            assertEquals("JWS_ALGORITHM_NOT_ALLOWED", report.error().code(), alg);
        }
    }

    @Test
    void aThumbprintOfAnotherCertificateIdentifiesNoSigner() throws Exception {
        JwsSignature signature = compact(TestPki.PERSONAL_AN);
        String[] parts = signature.serialized().split("\\.");
        ObjectNode header = (ObjectNode) JSON.readTree(header(signature.serialized()));
        byte[] other = java.security.MessageDigest.getInstance("SHA-256").digest(
                TestEnvironment.shared().pki().get(TestPki.PERSONAL_BINH).certificate().getEncoded());
        header.put("x5t#S256", B64URL.encodeToString(other));
        // re-signed with An's key, so only the thumbprint is wrong
        String headerB64 = B64URL.encodeToString(JSON.writeValueAsBytes(header));
        String resigned = resign(headerB64, parts[1]);
        assertFails(verify(resigned, null), Indication.INDETERMINATE, SubIndication.NO_SIGNING_CERTIFICATE_FOUND);
    }

    /** An RS256 signature by An's token key over an arbitrary header and payload. */
    private static String resign(String headerB64, String payloadB64) throws Exception {
        var an = PadesTestSupport.signer(TestPki.PERSONAL_AN);
        byte[] input = (headerB64 + "." + payloadB64).getBytes(StandardCharsets.US_ASCII);
        byte[] value = an.sign(java.security.MessageDigest.getInstance("SHA-256").digest(input),
                SignatureAlgorithm.RSA_PKCS1_SHA256);
        return headerB64 + "." + payloadB64 + "." + B64URL.encodeToString(value);
    }

    @Test
    void anUnknownCriticalParameterOrADuplicateMemberIsRefused() throws Exception {
        String payload = B64URL.encodeToString(JsonSignerTest.PAYLOAD);
        ObjectNode header = (ObjectNode) JSON.readTree(header(compact(TestPki.PERSONAL_AN).serialized()));
        header.put("exp", 1);
        header.putArray("crit").add("exp");
        String unknownCrit = resign(B64URL.encodeToString(JSON.writeValueAsBytes(header)), payload);
        assertFails(verify(unknownCrit, null), Indication.TOTAL_FAILED, SubIndication.FORMAT_FAILURE);

        String duplicate = "{\"alg\":\"RS256\",\"alg\":\"none\"}";
        String twoAlgs = resign(B64URL.encodeToString(duplicate.getBytes(StandardCharsets.UTF_8)), payload);
        DocumentReport report = verify(twoAlgs, null);
        assertEquals("JWS_UNREADABLE", report.error().code());
        assertEquals(Indication.TOTAL_FAILED, report.indication());
    }

    @Test
    void revokedAndExpiredSignersAreRefused() {
        // revoked before the claimed signing time: no time-stamp could save it
        assertFails(verify(compact(TestPki.REVOKED).serialized(), null), Indication.TOTAL_FAILED,
                SubIndication.REVOKED);
        assertFails(verify(compact(TestPki.EXPIRED).serialized(), null), Indication.INDETERMINATE,
                SubIndication.OUT_OF_BOUNDS_NO_POE);
    }

    @Test
    void oversizedAndDeeplyNestedInputIsRefusedBeforeItIsWalked() {
        DocumentReport deep = verify("{\"protected\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}", null);
        assertEquals("JWS_UNREADABLE", deep.error().code());
        DocumentReport large = JsonSignerTest.verifier().verify(new byte[StrictJson.MAX_DOCUMENT_BYTES + 1], null);
        assertEquals("JSON_TOO_LARGE", large.error().code());
    }

    @Test
    void jadesSignaturesMadeByDssGetDssVerdictFromOurVerifier() throws Exception {
        var an = TestEnvironment.shared().pki().get(TestPki.PERSONAL_AN);
        // our level carries DSS's name: JAdES-BASELINE-B … -LTA
        for (SignatureLevel level : new SignatureLevel[] {SignatureLevel.JAdES_BASELINE_B,
                SignatureLevel.JAdES_BASELINE_T, SignatureLevel.JAdES_BASELINE_LT, SignatureLevel.JAdES_BASELINE_LTA}) {
            byte[] jws = DssJades.sign(an, JsonSignerTest.PAYLOAD, level);
            DssJades.assertPassed(jws, null, level);
            DocumentReport report = JsonSignerTest.verifier().verify(jws, null);
            assertEquals(Indication.TOTAL_PASSED, report.indication(), ReportJson.toJson(report));
            assertEquals(level.toString(), report.signatures().get(0).level().etsiName(),
                    report.signatures().get(0).levelGaps() + " " + new String(jws, StandardCharsets.UTF_8));
        }
        // and a DSS signature whose payload was changed afterwards: both say TOTAL_FAILED
        ObjectNode tampered = (ObjectNode) JSON.readTree(DssJades.sign(an, JsonSignerTest.PAYLOAD,
                SignatureLevel.JAdES_BASELINE_B));
        tampered.put("payload", B64URL.encodeToString("{\"tongTien\":\"1\"}".getBytes(StandardCharsets.UTF_8)));
        byte[] bytes = JSON.writeValueAsBytes(tampered);
        SimpleReport dss = DssJades.validate(bytes, null);
        assertEquals(eu.europa.esig.dss.enumerations.Indication.TOTAL_FAILED,
                dss.getIndication(dss.getFirstSignatureId()));
        DocumentReport failed = JsonSignerTest.verifier().verify(bytes, null);
        assertFails(failed, Indication.TOTAL_FAILED, SubIndication.SIG_CRYPTO_FAILURE);
        assertTrue(dss.getSignatureIdList().size() == 1);
        // the level is what the signature carries, whatever the verdict (DSS too reports it for a failed one)
        assertEquals(dss.getSignatureFormat(dss.getFirstSignatureId()).toString(),
                failed.signatures().get(0).level().etsiName());
    }
}
