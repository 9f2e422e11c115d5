package vn.kyso.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.InMemoryDocument;
import org.junit.jupiter.api.Test;

import vn.kyso.errors.KysoException;
import vn.kyso.pdf.PadesTestSupport;
import vn.kyso.pki.TrustStore;
import vn.kyso.sign.SignerPort;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.SignatureAlgorithm;
import vn.kyso.verify.DocumentReport;
import vn.kyso.verify.Indication;
import vn.kyso.verify.JwsSignatureVerifier;
import vn.kyso.verify.PdfSignatureVerifier;
import vn.kyso.verify.ReportJson;

/**
 * JWS and JAdES B-B/B-T/B-LT made with SoftHSM2 keys through the signer port, in compact and flattened JSON,
 * attached and detached: EU DSS must judge every JAdES one TOTAL_PASSED at the level made, and so must our verifier.
 */
class JsonSignerTest {

    static final byte[] PAYLOAD = """
            {"soHoSo":"12/2026/BHXH","donVi":"Sở Khoa học và Công nghệ tỉnh Ninh Bình","soLaoDong":42,
             "tongTien":"125.000.000","kyKeKhai":{"thang":11,"nam":2026}}
            """.getBytes(StandardCharsets.UTF_8);

    static JsonSigner signer() {
        return new JsonSigner(PadesTestSupport.services());
    }

    static JwsSignatureVerifier verifier() {
        TrustStore trust = TrustStore.empty();
        trust.add(PadesTestSupport.root());
        return PdfSignatureVerifier.builder(trust).buildJwsVerifier();
    }

    /** Our verdict TOTAL_PASSED at the level DSS names {@code level}, and why the next rung is not reached. */
    private static void assertOurs(JwsSignature signature, byte[] detached, SignatureLevel level) {
        DocumentReport report = verifier().verify(signature.bytes(), detached);
        assertEquals(Indication.TOTAL_PASSED, report.indication(), ReportJson.toJson(report));
        assertEquals(level.toString(), report.signatures().get(0).level().etsiName(), ReportJson.toJson(report));
        String gap = switch (level) {
            case JSON_NOT_ETSI -> "LEVEL_NOT_ETSI_NO_JADES_PROPERTIES";
            case JAdES_BASELINE_B -> "LEVEL_NO_TIMESTAMP";
            case JAdES_BASELINE_T -> "LEVEL_NO_VALIDATION_DATA_SIGNER";
            default -> "LEVEL_NO_ARCHIVE_TIMESTAMP";
        };
        assertEquals(gap, report.signatures().get(0).levelGaps().get(0).code(), ReportJson.toJson(report));
    }

    @Test
    void jadesBbCompactAndFlattenedAttachedAndDetachedPassDssAndOurs() {
        SignerPort an = PadesTestSupport.signer(TestPki.PERSONAL_AN);
        for (JwsSerialization serialization : JwsSerialization.values()) {
            for (boolean detached : new boolean[] {false, true}) {
                JwsSignature signature = signer().sign(PAYLOAD, an, JsonSignOptions.jades(JadesLevel.B_B,
                        serialization).withDetached(detached, "to-khai.json"));
                DssJades.assertPassed(signature.bytes(),
                        detached ? new InMemoryDocument(PAYLOAD, "to-khai.json") : null,
                        SignatureLevel.JAdES_BASELINE_B);
                assertOurs(signature, detached ? PAYLOAD : null, SignatureLevel.JAdES_BASELINE_B);
            }
        }
    }

    @Test
    void jadesBtAndBltFlattenedAttachedAndDetachedPassDssAndOurs() {
        SignerPort cuong = PadesTestSupport.signer(TestPki.PERSONAL_CUONG);
        for (JadesLevel level : new JadesLevel[] {JadesLevel.B_T, JadesLevel.B_LT}) {
            for (boolean detached : new boolean[] {false, true}) {
                JwsSignature signature = signer().sign(PAYLOAD, cuong, JsonSignOptions.jades(level,
                        JwsSerialization.FLATTENED).withDetached(detached, "to-khai.json"));
                assertNotNull(signature.timeStamp());
                DssJades.assertPassed(signature.bytes(),
                        detached ? new InMemoryDocument(PAYLOAD, "to-khai.json") : null,
                        level == JadesLevel.B_T ? SignatureLevel.JAdES_BASELINE_T : SignatureLevel.JAdES_BASELINE_LT);
                assertOurs(signature, detached ? PAYLOAD : null, level == JadesLevel.B_T
                        ? SignatureLevel.JAdES_BASELINE_T : SignatureLevel.JAdES_BASELINE_LT);
            }
        }
    }

    @Test
    void everyRsaAndEcAlgorithmMakesAJwsThatNimbusAndOurVerifierAccept() throws Exception {
        SignerPort an = PadesTestSupport.signer(TestPki.PERSONAL_AN);
        for (SignatureAlgorithm algorithm : new SignatureAlgorithm[] {SignatureAlgorithm.RSA_PKCS1_SHA256,
                SignatureAlgorithm.RSA_PKCS1_SHA384, SignatureAlgorithm.RSA_PKCS1_SHA512,
                SignatureAlgorithm.RSA_PSS_SHA256, SignatureAlgorithm.RSA_PSS_SHA384,
                SignatureAlgorithm.RSA_PSS_SHA512}) {
            JwsSignature signature = signer().sign(PAYLOAD, an,
                    JsonSignOptions.jws(JwsSerialization.COMPACT).withAlgorithm(algorithm));
            JWSObject parsed = JWSObject.parse(signature.serialized());
            assertEquals(JwsAlgorithms.jwsAlgorithm(algorithm), parsed.getHeader().getAlgorithm());
            assertTrue(parsed.verify(new RSASSAVerifier((RSAPublicKey) an.certificate().getPublicKey())), algorithm.name());
            assertOurs(signature, null, SignatureLevel.JSON_NOT_ETSI);
        }
        SignerPort cuong = PadesTestSupport.signer(TestPki.PERSONAL_CUONG);
        JwsSignature es256 = signer().sign(PAYLOAD, cuong, JsonSignOptions.jws(JwsSerialization.COMPACT));
        JWSObject parsed = JWSObject.parse(es256.serialized());
        assertEquals("ES256", parsed.getHeader().getAlgorithm().getName());
        // R||S of 64 bytes, not DER
        assertEquals(64, parsed.getSignature().decode().length);
        assertTrue(parsed.verify(new ECDSAVerifier((ECPublicKey) cuong.certificate().getPublicKey())));
        assertOurs(es256, null, SignatureLevel.JSON_NOT_ETSI);
    }

    /**
     * ES384 and ES512 with P-384 and P-521 keys on the token (JWA ties each to its curve), and RS/PS 384/512: each a
     * JAdES-BASELINE-B that EU DSS and our verifier pass, its ECDSA value r‖s of the curve's length.
     */
    @Test
    void es384Es512OnTheirCurvesAndRsaPs384512OnTheTokenPassDssAndOurs() throws Exception {
        Map<SignatureAlgorithm, String> cases = new java.util.LinkedHashMap<>();
        cases.put(SignatureAlgorithm.ECDSA_SHA384, TestPki.PERSONAL_EC384);
        cases.put(SignatureAlgorithm.ECDSA_SHA512, TestPki.PERSONAL_EC521);
        cases.put(SignatureAlgorithm.RSA_PKCS1_SHA384, TestPki.PERSONAL_AN);
        cases.put(SignatureAlgorithm.RSA_PKCS1_SHA512, TestPki.PERSONAL_AN);
        cases.put(SignatureAlgorithm.RSA_PSS_SHA384, TestPki.PERSONAL_AN);
        cases.put(SignatureAlgorithm.RSA_PSS_SHA512, TestPki.PERSONAL_AN);
        for (Map.Entry<SignatureAlgorithm, String> c : cases.entrySet()) {
            SignerPort key = PadesTestSupport.signer(c.getValue());
            JsonSignOptions options = JsonSignOptions.jades(JadesLevel.B_B, JwsSerialization.COMPACT);
            // an EC key needs no algorithm: its curve decides
            JwsSignature signature = signer().sign(PAYLOAD, key, c.getKey().keyKind() == SignatureAlgorithm.KeyKind.EC
                    ? options : options.withAlgorithm(c.getKey()));
            JWSObject parsed = JWSObject.parse(signature.serialized());
            assertEquals(JwsAlgorithms.jwsAlgorithm(c.getKey()), parsed.getHeader().getAlgorithm(), c.toString());
            if (c.getKey() == SignatureAlgorithm.ECDSA_SHA384) {
                assertEquals(96, parsed.getSignature().decode().length);
            } else if (c.getKey() == SignatureAlgorithm.ECDSA_SHA512) {
                assertEquals(132, parsed.getSignature().decode().length);
            }
            DssJades.assertPassed(signature.bytes(), null, SignatureLevel.JAdES_BASELINE_B);
            assertOurs(signature, null, SignatureLevel.JAdES_BASELINE_B);
        }
    }

    @Test
    void theProtectedHeaderCarriesTheJadesSignedProperties() throws Exception {
        JwsSignature signature = signer().sign(PAYLOAD, PadesTestSupport.signer(TestPki.PERSONAL_AN),
                JsonSignOptions.jades(JadesLevel.B_LT, JwsSerialization.FLATTENED).withDetached(true, "a.json"));
        JsonNode flattened = new ObjectMapper().readTree(signature.serialized());
        assertFalse(flattened.has("payload"), "detached");
        JsonNode header = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(
                flattened.get("protected").asText()));
        assertEquals("RS256", header.get("alg").asText());
        assertEquals(3, header.get("x5c").size(), "signer, intermediate, root");
        assertTrue(header.get("x5t#S256").isTextual());
        assertTrue(header.get("iat").canConvertToLong(), "iat, not the obsolete sigT");
        assertFalse(header.has("sigT"));
        assertEquals("[\"sigD\"]", header.get("crit").toString());
        assertEquals(JsonSigner.SIG_D_OBJECT_ID_BY_URI_HASH, header.get("sigD").get("mId").asText());
        JsonNode etsiU = flattened.get("header").get("etsiU");
        assertTrue(etsiU.get(0).has("sigTst"));
        assertTrue(etsiU.get(1).has("xVals"));
        assertTrue(etsiU.get(2).get("rVals").has("ocspVals"));
    }

    @Test
    void levelsTheEngineCannotReachAreRefusedBeforeSigning() {
        SignerPort an = PadesTestSupport.signer(TestPki.PERSONAL_AN);
        KysoException compactBt = assertThrows(KysoException.class, () -> signer().sign(PAYLOAD, an,
                JsonSignOptions.jades(JadesLevel.B_T, JwsSerialization.COMPACT)));
        assertEquals("JWS_LEVEL_NEEDS_JSON_SERIALIZATION", compactBt.code());
        KysoException noTsa = assertThrows(KysoException.class, () -> new JsonSigner(null).sign(PAYLOAD, an,
                JsonSignOptions.jades(JadesLevel.B_T, JwsSerialization.FLATTENED)));
        assertEquals("JADES_TIMESTAMP_UNAVAILABLE", noTsa.code());
        KysoException es384OnP256 = assertThrows(KysoException.class, () -> signer().sign(PAYLOAD,
                PadesTestSupport.signer(TestPki.PERSONAL_CUONG), JsonSignOptions.jws(JwsSerialization.COMPACT)
                        .withAlgorithm(SignatureAlgorithm.ECDSA_SHA384)));
        assertEquals("JWS_ALGORITHM_NOT_OFFERED", es384OnP256.code());
        KysoException tooLarge = assertThrows(KysoException.class, () -> signer().sign(
                new byte[StrictJson.MAX_DOCUMENT_BYTES + 1], an, JsonSignOptions.jws(JwsSerialization.COMPACT)));
        assertEquals("JSON_TOO_LARGE", tooLarge.code());
    }
}
