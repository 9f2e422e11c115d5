package vn.kyso.verify;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.kyso.pki.CrlClient;
import vn.kyso.pki.HttpFetcher;
import vn.kyso.pki.OcspClient;
import vn.kyso.pki.TrustStore;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;

/** The key-usage rule, and the pre-signing check refusing by the same rule before it looks at chain or status. */
class KeyUsageCheckTest {

    private final TestPki pki = TestEnvironment.shared().pki();

    @Test
    void aCertificateWithoutSigningUsageIsRefusedBothWhenVerifyingAndBeforeSigning() {
        VerificationFailure rule = assertThrows(VerificationFailure.class,
                () -> KeyUsageCheck.requireSigningUsage(pki.get(TestPki.WRONG_KEY_USAGE).certificate()));
        assertEquals(SubIndication.SIG_CONSTRAINTS_FAILURE, rule.subIndication());
        assertDoesNotThrow(() -> KeyUsageCheck.requireSigningUsage(pki.get(TestPki.PERSONAL_AN).certificate()));

        // Nothing trusted and no network: only the key-usage rule can answer first.
        HttpFetcher http = HttpFetcher.withDefaults();
        SignerCertificateCheck beforeSigning = new SignerCertificateCheck(TrustStore.empty(), http,
                new OcspClient(http), new CrlClient(http), Clock.systemUTC());
        VerificationFailure refused = assertThrows(VerificationFailure.class,
                () -> beforeSigning.check(pki.get(TestPki.WRONG_KEY_USAGE).certificate(), List.of()));
        assertEquals(SubIndication.SIG_CONSTRAINTS_FAILURE, refused.subIndication());
        assertEquals(rule.reason(), refused.reason());
    }
}
