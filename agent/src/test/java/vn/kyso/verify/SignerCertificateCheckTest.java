package vn.kyso.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.kyso.pki.CrlClient;
import vn.kyso.pki.HttpFetcher;
import vn.kyso.pki.OcspClient;
import vn.kyso.pki.TrustStore;
import vn.kyso.testpki.PkiServices;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;

/**
 * The check before signing against the test PKI's OCSP responder and CRL: a revoked certificate is refused, and one
 * found revoked stays refused as revoked when OCSP and CRL are unreachable afterwards — never "status unknown", which
 * the offline policy may let sign.
 */
class SignerCertificateCheckTest {

    private static SignerCertificateCheck checker(TrustStore trust) {
        HttpFetcher http = HttpFetcher.withDefaults();
        // no caching, so every check really asks the responder (or finds it down)
        return new SignerCertificateCheck(trust, http,
                new OcspClient(http, Clock.systemUTC(), Duration.ZERO, OcspClient.DEFAULT_CLOCK_SKEW),
                new CrlClient(http, Clock.systemUTC(), Duration.ZERO, CrlClient.DEFAULT_CLOCK_SKEW),
                Clock.systemUTC());
    }

    @Test
    void aCertificateFoundRevokedStaysRevokedOffline() {
        TestEnvironment env = TestEnvironment.shared();
        TrustStore trust = TrustStore.empty();
        trust.add(env.pki().root());
        List<X509Certificate> known = List.of(env.pki().intermediate());
        X509Certificate revoked = env.pki().get(TestPki.REVOKED).certificate();
        X509Certificate an = env.pki().get(TestPki.PERSONAL_AN).certificate();
        SignerCertificateCheck check = checker(trust);

        SubIndication online = assertThrows(VerificationFailure.class, () -> check.check(revoked, known))
                .subIndication();
        assertTrue(online == SubIndication.REVOKED || online == SubIndication.REVOKED_NO_POE, online.toString());
        check.check(an, known);

        PkiServices services = env.services();
        services.setAvailable(PkiServices.Service.OCSP, false);
        services.setAvailable(PkiServices.Service.CRL, false);
        try {
            assertEquals(SubIndication.TRY_LATER, assertThrows(VerificationFailure.class,
                    () -> checker(trust).check(revoked, known)).subIndication(), "a checker that never saw it");
            VerificationFailure remembered = assertThrows(VerificationFailure.class, () -> check.check(revoked, known));
            assertEquals(SubIndication.REVOKED_NO_POE, remembered.subIndication(), remembered.reason());
            assertTrue(remembered.reason().contains("unreachable"), remembered.reason());
            assertEquals(SubIndication.TRY_LATER, assertThrows(VerificationFailure.class,
                    () -> check.check(an, known)).subIndication(), "a good certificate is merely unknown offline");
        } finally {
            services.setAvailable(PkiServices.Service.OCSP, true);
            services.setAvailable(PkiServices.Service.CRL, true);
        }
    }
}
