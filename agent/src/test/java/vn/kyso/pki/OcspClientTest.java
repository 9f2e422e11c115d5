package vn.kyso.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import vn.kyso.errors.KysoException;
import vn.kyso.testkit.PkiServicesExtension;
import vn.kyso.testpki.PkiServices;
import vn.kyso.testpki.PkiServices.Service;
import vn.kyso.testpki.PkiUrls;
import vn.kyso.testpki.Revocation;
import vn.kyso.testpki.TestPki;

class OcspClientTest {

    @RegisterExtension
    static final PkiServicesExtension PKI = PkiServicesExtension.fresh();

    private static X509Certificate cert(String alias) {
        return PKI.pki().get(alias).certificate();
    }

    @Test
    void goodCertificateIsGoodAndSignedByTheDelegatedResponder() {
        OcspResult result = new OcspClient(HttpFetcher.withDefaults()).check(cert(TestPki.PERSONAL_AN),
                PKI.pki().intermediate());

        assertEquals(OcspResult.Status.GOOD, result.status());
        assertNull(result.revocationTime());
        assertEquals(cert(TestPki.OCSP_RESPONDER), result.responderCertificate());
        assertNotNull(result.nextUpdate());
        assertTrue(result.encodedResponse().length > 0);
        assertFalse(result.fromCache());
    }

    @Test
    void revokedCertificateIsRevokedWithTimeAndReason() {
        Revocation revocation = PKI.pki().revocationOf(cert(TestPki.REVOKED)).orElseThrow();
        OcspResult result = new OcspClient(HttpFetcher.withDefaults()).check(cert(TestPki.REVOKED),
                PKI.pki().intermediate());

        assertEquals(OcspResult.Status.REVOKED, result.status());
        assertEquals(revocation.revokedAt(), result.revocationTime());
        assertEquals(RevocationReason.KEY_COMPROMISE, result.reason());
    }

    /** Evidence for a time-stamp must postdate it: a cached answer from before is not used. */
    @Test
    void answersForATimeStampPostdateIt() {
        OcspClient client = new OcspClient(HttpFetcher.withDefaults());
        OcspResult early = client.check(cert(TestPki.PERSONAL_CUONG), PKI.pki().intermediate());
        java.time.Instant stamp = early.thisUpdate().plusSeconds(1);
        int requests = PKI.services().requestCount(Service.OCSP);

        OcspResult fresh = client.check(cert(TestPki.PERSONAL_CUONG), PKI.pki().intermediate(), stamp);

        assertFalse(fresh.fromCache(), "the answer cached before the time-stamp was reused");
        assertTrue(PKI.services().requestCount(Service.OCSP) > requests);
        assertFalse(fresh.thisUpdate().isBefore(early.thisUpdate()));
    }

    @Test
    void secondCallIsServedFromTheCache() {
        OcspClient client = new OcspClient(HttpFetcher.withDefaults());
        OcspResult first = client.check(cert(TestPki.PERSONAL_BINH), PKI.pki().intermediate());
        int requests = PKI.services().requestCount(Service.OCSP);

        OcspResult second = client.check(cert(TestPki.PERSONAL_BINH), PKI.pki().intermediate());

        assertEquals(requests, PKI.services().requestCount(Service.OCSP));
        assertFalse(first.fromCache());
        assertTrue(second.fromCache());
        assertEquals(first.status(), second.status());
    }

    @Test
    void responderSwitchedOffIsUnavailable() {
        PKI.services().setAvailable(Service.OCSP, false);
        try {
            KysoException e = assertThrows(KysoException.class, () -> new OcspClient(HttpFetcher.withDefaults())
                    .check(cert(TestPki.PERSONAL_AN), PKI.pki().intermediate()));
            assertEquals(PkiError.OCSP_UNAVAILABLE, e.errorCode());
        } finally {
            PKI.services().setAvailable(Service.OCSP, true);
        }
    }

    @Test
    void askingInTheNameOfAnotherIssuerIsNeverGood() {
        // The CertID names the wrong issuer: that CA (which answers for itself) never issued this serial.
        OcspResult result = new OcspClient(HttpFetcher.withDefaults())
                .check(cert(TestPki.PERSONAL_AN), cert(TestPki.UNKNOWN_ROOT));
        assertEquals(OcspResult.Status.UNKNOWN, result.status());
        assertEquals(cert(TestPki.UNKNOWN_ROOT), result.responderCertificate());
    }

    @Test
    void hostThatDoesNotExistWorksOnceRemappedToTheServer() throws Exception {
        String fakeHost = "ocsp.kyso-test.invalid";
        try (PkiServices elsewhere = PkiServices.start(0)) {
            TestPki remote = TestPki.generate(new PkiUrls("http://" + fakeHost + ":" + elsewhere.port()));
            elsewhere.serve(remote);
            X509Certificate an = remote.get(TestPki.PERSONAL_AN).certificate();
            assertTrue(CertificateUrls.ocspResponders(an).get(0).getHost().equals(fakeHost));

            KysoException unmapped = assertThrows(KysoException.class,
                    () -> new OcspClient(HttpFetcher.withDefaults()).check(an, remote.intermediate()));
            assertEquals(PkiError.OCSP_UNAVAILABLE, unmapped.errorCode());

            HttpFetcher remapped = HttpFetcher.withRemap(UrlRemap.defaults().with(fakeHost, "127.0.0.1"));
            assertEquals(OcspResult.Status.GOOD, new OcspClient(remapped).check(an, remote.intermediate()).status());
            assertEquals(OcspResult.Status.REVOKED, new OcspClient(remapped).check(
                    remote.get(TestPki.REVOKED).certificate(), remote.intermediate(),
                    URI.create("http://" + fakeHost + ":" + elsewhere.port() + "/ocsp")).status());
            assertEquals(2, elsewhere.requestCount(Service.OCSP));
        }
    }

    @Test
    void defaultRemapSendsTheVgcaInternalNameToThePublicResponder() {
        assertEquals(URI.create("http://ocsp.ca.gov.vn/"), UrlRemap.defaults().apply(URI.create("http://ocsp.ca.ptc/")));
        assertEquals(URI.create("http://127.0.0.1:8080/ocsp"),
                UrlRemap.none().with("OCSP.Example", "127.0.0.1:8080").apply(URI.create("http://ocsp.example/ocsp")));
    }
}
