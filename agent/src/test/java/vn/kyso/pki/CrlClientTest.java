package vn.kyso.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.kyso.errors.KysoException;
import vn.kyso.testpki.PkiServices;
import vn.kyso.testpki.PkiServices.Service;
import vn.kyso.testpki.TestPki;

class CrlClientTest {

    private static PkiServices services;
    private static TestPki pki;

    @BeforeAll
    static void start() throws Exception {
        services = PkiServices.startWithFreshPki();
        pki = services.pki();
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void revokedIsRevokedAndGoodIsNotAndTheCrlIsCached() {
        CrlClient client = new CrlClient(HttpFetcher.withDefaults());
        int before = services.requestCount(Service.CRL);

        CrlResult revoked = client.check(pki.get(TestPki.REVOKED).certificate(), pki.intermediate());
        CrlResult good = client.check(pki.get(TestPki.PERSONAL_AN).certificate(), pki.intermediate());

        assertTrue(revoked.revoked());
        assertEquals(pki.revocationOf(pki.get(TestPki.REVOKED).certificate()).orElseThrow().revokedAt(),
                revoked.revocationTime());
        assertEquals(RevocationReason.KEY_COMPROMISE, revoked.reason());
        assertFalse(revoked.fromCache());
        assertFalse(good.revoked());
        assertNull(good.revocationTime());
        assertTrue(good.fromCache());
        assertEquals(before + 1, services.requestCount(Service.CRL));
    }

    @Test
    void distributionPointSwitchedOffIsUnavailable() {
        services.setAvailable(Service.CRL, false);
        try {
            KysoException e = assertThrows(KysoException.class, () -> new CrlClient(HttpFetcher.withDefaults())
                    .check(pki.get(TestPki.PERSONAL_AN).certificate(), pki.intermediate()));
            assertEquals(PkiError.CRL_UNAVAILABLE, e.errorCode());
        } finally {
            services.setAvailable(Service.CRL, true);
        }
    }

    @Test
    void crlOfAnotherCaIsInvalid() {
        // The root's CRL lists nothing; presenting it for a certificate of the intermediate must fail, not say "good".
        KysoException e = assertThrows(KysoException.class, () -> new CrlClient(HttpFetcher.withDefaults())
                .check(pki.get(TestPki.REVOKED).certificate(), pki.intermediate(),
                        URI.create(services.urls().crl(TestPki.ROOT))));
        assertEquals(PkiError.CRL_INVALID, e.errorCode());
    }
}
