package vn.kyso.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;

import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;

class CertificateHoldersTest {

    private static final TestPki PKI = TestEnvironment.shared().pki();

    @Test
    void aCertificateIsParsedOnceByValueAndReadsBackToItsOwnBytes() throws Exception {
        X509Certificate an = PKI.get(TestPki.PERSONAL_AN).certificate();
        X509CertificateHolder first = CertificateHolders.of(an);
        assertArrayEquals(an.getEncoded(), first.getEncoded());
        // the same bytes read again (as a token re-read gives) find the same parse
        X509Certificate again = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(an.getEncoded()));
        assertSame(first, CertificateHolders.of(again));
        // one changed byte (of the signature value) is another certificate, never the remembered parse
        byte[] changed = an.getEncoded();
        changed[changed.length - 5] ^= 0x01;
        X509Certificate other = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(changed));
        assertArrayEquals(changed, CertificateHolders.of(other).getEncoded());
        assertSame(first, CertificateHolders.of(an));
        // another certificate is another entry
        X509CertificateHolder binh = CertificateHolders.of(PKI.get(TestPki.PERSONAL_BINH).certificate());
        assertNotSame(first, binh);
        assertArrayEquals(PKI.get(TestPki.PERSONAL_BINH).certificate().getEncoded(), binh.getEncoded());
    }
}
