package vn.kyso.testpki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPkiTest {

    private static TestPki pki;

    @BeforeAll
    static void generate() {
        pki = TestPki.generate(PkiUrls.loopback(18999));
    }

    private static void validate(PkiIdentity identity, X509Certificate anchor, Date at) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        var path = factory.generateCertPath(identity.chain().subList(0, identity.chain().size() - 1));
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        params.setRevocationEnabled(false);
        params.setDate(at);
        CertPathValidator.getInstance("PKIX").validate(path, params);
    }

    @Test
    void everyGoodCertificateChainsToTheTestRoot() throws Exception {
        for (String alias : List.of(TestPki.INTERMEDIATE, TestPki.OCSP_RESPONDER, TestPki.TSA, TestPki.PERSONAL_AN,
                TestPki.PERSONAL_BINH, TestPki.PERSONAL_CUONG, TestPki.ORGANISATION, TestPki.REVOKED,
                TestPki.WRONG_KEY_USAGE)) {
            validate(pki.get(alias), pki.root(), new Date());
        }
    }

    @Test
    void negativeCasesFailWhereTheyShould() throws Exception {
        assertThrows(CertPathValidatorException.class,
                () -> validate(pki.get(TestPki.EXPIRED), pki.root(), new Date()));
        assertThrows(CertPathValidatorException.class,
                () -> validate(pki.get(TestPki.NOT_YET_VALID), pki.root(), new Date()));
        // the unknown issuer chains only to its own root, never to the government test root
        assertThrows(CertPathValidatorException.class,
                () -> validate(pki.get(TestPki.UNKNOWN_ISSUER), pki.root(), new Date()));
        validate(pki.get(TestPki.UNKNOWN_ISSUER), pki.get(TestPki.UNKNOWN_ROOT).certificate(), new Date());
        boolean[] usage = pki.get(TestPki.WRONG_KEY_USAGE).certificate().getKeyUsage();
        assertFalse(usage[0] || usage[1], "wrong-key-usage must allow neither digitalSignature nor nonRepudiation");
        assertTrue(pki.revocationOf(pki.get(TestPki.REVOKED).certificate()).isPresent());
        assertTrue(pki.revocationOf(pki.get(TestPki.PERSONAL_AN).certificate()).isEmpty());
    }

    @Test
    void namesAreVietnameseUtf8AndMarkedTest() throws Exception {
        X509Certificate an = pki.get(TestPki.PERSONAL_AN).certificate();
        X500Name subject = X500Name.getInstance(an.getSubjectX500Principal().getEncoded());
        RDN cn = subject.getRDNs(BCStyle.CN)[0];
        assertTrue(cn.getFirst().getValue() instanceof ASN1UTF8String, "CN must be a UTF8String");
        assertEquals("Nguyễn Văn An", IETFUtils.valueToString(cn.getFirst().getValue()));
        assertEquals("CCCD:037085001234", IETFUtils.valueToString(subject.getRDNs(BCStyle.UID)[0].getFirst().getValue()));
        assertEquals("VN", IETFUtils.valueToString(subject.getRDNs(BCStyle.C)[0].getFirst().getValue()));
        X500Name root = X500Name.getInstance(pki.root().getSubjectX500Principal().getEncoded());
        assertEquals("RootCA chuyên dùng Chính phủ G2 (TEST)",
                IETFUtils.valueToString(root.getRDNs(BCStyle.CN)[0].getFirst().getValue()));
        X500Name org = X500Name.getInstance(pki.get(TestPki.ORGANISATION).certificate().getSubjectX500Principal().getEncoded());
        assertEquals(TestPki.AGENCY, IETFUtils.valueToString(org.getRDNs(BCStyle.CN)[0].getFirst().getValue()));
    }

    @Test
    void keyTypesMatchTheTokensInTheField() {
        assertEquals("RSA", pki.get(TestPki.PERSONAL_AN).certificate().getPublicKey().getAlgorithm());
        assertEquals(2048, ((java.security.interfaces.RSAPublicKey) pki.get(TestPki.PERSONAL_AN).certificate()
                .getPublicKey()).getModulus().bitLength());
        assertEquals(3072, ((java.security.interfaces.RSAPublicKey) pki.get(TestPki.PERSONAL_BINH).certificate()
                .getPublicKey()).getModulus().bitLength());
        assertEquals("EC", pki.get(TestPki.PERSONAL_CUONG).certificate().getPublicKey().getAlgorithm());
    }

    @Test
    void certificatesPointAtTheServices() {
        X509Certificate an = pki.get(TestPki.PERSONAL_AN).certificate();
        assertTrue(an.getExtensionValue(Extension.authorityInfoAccess.getId()) != null);
        String aia = new String(an.getExtensionValue(Extension.authorityInfoAccess.getId()));
        assertTrue(aia.contains("http://127.0.0.1:18999/ocsp"), aia);
        assertTrue(aia.contains("http://127.0.0.1:18999/ca/ca-nha-nuoc-g2.crt"), aia);
        String crl = new String(an.getExtensionValue(Extension.cRLDistributionPoints.getId()));
        assertTrue(crl.contains("http://127.0.0.1:18999/crl/ca-nha-nuoc-g2.crl"), crl);
        // the TSA certificate must carry a critical id-kp-timeStamping, or RFC 3161 clients reject it
        assertTrue(pki.get(TestPki.TSA).certificate().getCriticalExtensionOIDs().contains(Extension.extendedKeyUsage.getId()));
    }

    @Test
    void persistsAndReloadsIdentically(@TempDir Path dir) throws Exception {
        pki.writeTo(dir);
        assertTrue(TestPki.existsIn(dir));
        TestPki loaded = TestPki.readFrom(dir);
        assertEquals(pki.urls(), loaded.urls());
        for (PkiIdentity identity : pki.identities()) {
            PkiIdentity other = loaded.get(identity.alias());
            assertEquals(identity.certificate(), other.certificate());
            assertEquals(identity.role(), other.role());
            assertEquals(identity.chain(), other.chain());
            assertEquals(java.util.Arrays.toString(identity.privateKey().getEncoded()),
                    java.util.Arrays.toString(other.privateKey().getEncoded()));
        }
        assertEquals(pki.revocations(), loaded.revocations());
    }
}
