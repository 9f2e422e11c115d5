package vn.kyso.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.Test;

import vn.kyso.testpki.PkiIdentity;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;

/** The per-certificate memo of time-stamp checks never lends one certificate's verdict to another. */
class TimeStampSignersTest {

    private static final TestPki PKI = TestEnvironment.shared().pki();

    @Test
    void theTsaCertificateIsFitAndRememberedByItsExactBytes() throws Exception {
        var tsa = new JcaX509CertificateHolder(PKI.get(TestPki.TSA).certificate());
        TimeStampSigners.Signer first = TimeStampSigners.of(tsa);
        assertNull(first.unfit());
        assertNotNull(first.verifier());
        assertEquals(PKI.get(TestPki.TSA).certificate(), first.certificate());
        assertSame(first, TimeStampSigners.of(new JcaX509CertificateHolder(PKI.get(TestPki.TSA).certificate())));
    }

    @Test
    void aCertificateWithoutTheTimeStampingPurposeStaysUnfitAfterTheTsaWasRemembered() throws Exception {
        TimeStampSigners.of(new JcaX509CertificateHolder(PKI.get(TestPki.TSA).certificate()));
        for (String alias : new String[] {TestPki.PERSONAL_AN, TestPki.OCSP_RESPONDER, TestPki.INTERMEDIATE}) {
            TimeStampSigners.Signer other = TimeStampSigners.of(
                    new JcaX509CertificateHolder(PKI.get(alias).certificate()));
            assertNotNull(other.unfit(), alias);
            assertNull(other.verifier(), alias);
            assertEquals(PKI.get(alias).certificate(), other.certificate(), alias);
        }
    }

    @Test
    void staysBounded() throws Exception {
        for (PkiIdentity identity : PKI.identities()) {
            TimeStampSigners.of(new JcaX509CertificateHolder(identity.certificate()));
        }
        assertTrue(TimeStampSigners.size() <= TimeStampSigners.MAX, "remembered " + TimeStampSigners.size());
    }
}
