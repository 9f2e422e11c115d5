package vn.kyso.testpki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EXTRACTABLE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_ID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_LABEL;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_SENSITIVE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_ECDSA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_SHA256_RSA_PKCS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_CONTEXT_SPECIFIC;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_USER;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;

/** The SoftHSM2 tokens hold every key the spec says, non-extractable, and each one signs verifiably. */
class SoftHsmFixtureTest {

    private static TestEnvironment env;
    private static PKCS11Module module;
    private static final Map<String, Slot> SLOTS = new HashMap<>();

    @BeforeAll
    static void open() throws Exception {
        env = TestEnvironment.shared();
        module = PKCS11Module.getInstance(env.softHsm().library().toString());
        module.initialize();
        for (Slot slot : module.getSlotList(true)) {
            SLOTS.put(slot.getToken().getTokenInfo().getLabel().trim(), slot);
        }
    }

    @AfterAll
    static void close() throws Exception {
        module.finalize(null);
    }

    @Test
    void everyTokenExistsAndEveryKeySignsVerifiably() throws Exception {
        byte[] data = "Ký số văn bản".getBytes(StandardCharsets.UTF_8);
        int signed = 0;
        for (SoftHsmFixture.TokenSpec spec : SoftHsmFixture.STANDARD_TOKENS) {
            Slot slot = SLOTS.get(spec.label());
            assertTrue(slot != null, "token " + spec.label() + " missing; have " + SLOTS.keySet());
            Session session = slot.getToken().openSession(false);
            try {
                session.login(CKU_USER, SoftHsmFixture.USER_PIN.toCharArray());
                for (String alias : spec.aliases()) {
                    X509Certificate cert = env.pki().get(alias).certificate();
                    byte[] id = SoftHsmFixture.keyId(cert);
                    long[] keys = session.findObjectsSingle(new AttributeVector().class_(CKO_PRIVATE_KEY).id(id), 2);
                    assertEquals(1, keys.length, alias + ": exactly one private key with the certificate's CKA_ID");
                    AttributeVector attrs = session.getAttrValues(keys[0], CKA_LABEL, CKA_ID, CKA_SENSITIVE,
                            CKA_EXTRACTABLE);
                    assertEquals(alias, attrs.label());
                    assertArrayEquals(id, attrs.id());
                    assertEquals(Boolean.TRUE, attrs.sensitive());
                    assertEquals(Boolean.FALSE, attrs.extractable());
                    if (spec.alwaysAuthenticate().contains(alias)) {
                        // SoftHSM2 enforces CKA_ALWAYS_AUTHENTICATE: no signature without a context-specific login
                        session.signInit(new Mechanism(CKM_SHA256_RSA_PKCS), keys[0]);
                        assertThrows(org.xipki.pkcs11.wrapper.PKCS11Exception.class, () -> session.sign(data));
                        session.signInit(new Mechanism(CKM_SHA256_RSA_PKCS), keys[0]);
                        session.login(CKU_CONTEXT_SPECIFIC, SoftHsmFixture.USER_PIN.toCharArray());
                        byte[] signature = session.sign(data);
                        Signature verifier = Signature.getInstance("SHA256withRSA");
                        verifier.initVerify(cert.getPublicKey());
                        verifier.update(data);
                        assertTrue(verifier.verify(signature), alias + " always-authenticate signature must verify");
                    } else if ("RSA".equals(cert.getPublicKey().getAlgorithm())) {
                        byte[] signature = session.signSingle(new Mechanism(CKM_SHA256_RSA_PKCS), keys[0], data);
                        Signature verifier = Signature.getInstance("SHA256withRSA");
                        verifier.initVerify(cert.getPublicKey());
                        verifier.update(data);
                        assertTrue(verifier.verify(signature), alias + " RSA signature must verify");
                    } else {
                        // SoftHSM2 offers raw CKM_ECDSA only: hash first, then sign the digest
                        byte[] digest = MessageDigest.getInstance("SHA-256").digest(data);
                        byte[] raw = session.signSingle(new Mechanism(CKM_ECDSA), keys[0], digest);
                        Signature verifier = Signature.getInstance("SHA256withECDSA");
                        verifier.initVerify(cert.getPublicKey());
                        verifier.update(data);
                        assertTrue(verifier.verify(derOf(raw)), alias + " ECDSA signature must verify");
                    }
                    signed++;
                }
                session.logout();
            } finally {
                session.closeSession();
            }
        }
        assertEquals(SoftHsmFixture.STANDARD_TOKENS.stream().mapToInt(t -> t.aliases().size()).sum(), signed);
    }

    private static byte[] derOf(byte[] raw) throws Exception {
        int half = raw.length / 2;
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(new BigInteger(1, java.util.Arrays.copyOfRange(raw, 0, half))));
        v.add(new ASN1Integer(new BigInteger(1, java.util.Arrays.copyOfRange(raw, half, raw.length))));
        return new DERSequence(v).getEncoded();
    }

    @Test
    void pkcs11ToolListsCertificatesAndPrivateKeys() throws Exception {
        Process process = new ProcessBuilder("pkcs11-tool", "--module", env.softHsm().library().toString(),
                "--token-label", SoftHsmFixture.PERSONAL_TOKEN.label(), "--login", "--pin", SoftHsmFixture.USER_PIN,
                "--list-objects").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        for (String expected : List.of("Private Key Object", "Certificate Object", "label:      personal-an")) {
            assertTrue(output.contains(expected), "missing '" + expected + "' in:\n" + output);
        }
        String hexId = java.util.HexFormat.of().formatHex(
                SoftHsmFixture.keyId(env.pki().get(TestPki.PERSONAL_AN).certificate()));
        assertTrue(output.toLowerCase().contains("id:         " + hexId), output);
    }
}
