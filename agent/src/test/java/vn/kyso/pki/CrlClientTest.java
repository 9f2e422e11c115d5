package vn.kyso.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import vn.kyso.errors.KysoException;
import vn.kyso.testkit.PkiServicesExtension;
import vn.kyso.testpki.PkiServices.Service;
import vn.kyso.testpki.TestPki;

class CrlClientTest {

    @RegisterExtension
    static final PkiServicesExtension PKI = PkiServicesExtension.fresh();

    @Test
    void revokedIsRevokedAndGoodIsNotAndTheCrlIsCached() {
        CrlClient client = new CrlClient(HttpFetcher.withDefaults());
        int before = PKI.services().requestCount(Service.CRL);

        CrlResult revoked = client.check(PKI.pki().get(TestPki.REVOKED).certificate(), PKI.pki().intermediate());
        CrlResult good = client.check(PKI.pki().get(TestPki.PERSONAL_AN).certificate(), PKI.pki().intermediate());

        assertTrue(revoked.revoked());
        assertEquals(PKI.pki().revocationOf(PKI.pki().get(TestPki.REVOKED).certificate()).orElseThrow().revokedAt(),
                revoked.revocationTime());
        assertEquals(RevocationReason.KEY_COMPROMISE, revoked.reason());
        assertFalse(revoked.fromCache());
        assertFalse(good.revoked());
        assertNull(good.revocationTime());
        assertTrue(good.fromCache());
        assertEquals(before + 1, PKI.services().requestCount(Service.CRL));
    }

    @Test
    void distributionPointSwitchedOffIsUnavailable() {
        PKI.services().setAvailable(Service.CRL, false);
        try {
            KysoException e = assertThrows(KysoException.class, () -> new CrlClient(HttpFetcher.withDefaults())
                    .check(PKI.pki().get(TestPki.PERSONAL_AN).certificate(), PKI.pki().intermediate()));
            assertEquals(PkiError.CRL_UNAVAILABLE, e.errorCode());
        } finally {
            PKI.services().setAvailable(Service.CRL, true);
        }
    }

    @Test
    void crlOfAnotherCaIsInvalid() {
        // The root's CRL lists nothing; presenting it for a certificate of the intermediate must fail, not say "good".
        KysoException e = assertThrows(KysoException.class, () -> new CrlClient(HttpFetcher.withDefaults())
                .check(PKI.pki().get(TestPki.REVOKED).certificate(), PKI.pki().intermediate(),
                        URI.create(PKI.services().urls().crl(TestPki.ROOT))));
        assertEquals(PkiError.CRL_INVALID, e.errorCode());
    }
}
