package vn.kyso.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import vn.kyso.testpki.PkiServices;
import vn.kyso.testpki.TestPki;

class PkiServicesExtensionTest {

    @RegisterExtension
    static final PkiServicesExtension PKI = PkiServicesExtension.fresh();

    private static PkiServices seenBeforeAll;

    @BeforeAll
    static void started(PkiServices services, TestPki pki) {
        seenBeforeAll = services;
        assertSame(services.pki(), pki, "the injected PKI is the one the services serve");
    }

    @Test
    void theClassGetsOneRunningPkiOnLoopbackThroughTheFieldAndAsParameters(PkiServices services, TestPki pki)
            throws Exception {
        assertSame(seenBeforeAll, services);
        assertSame(PKI.services(), services);
        assertSame(PKI.pki(), pki);
        assertEquals("127.0.0.1", URI.create(PKI.urls().ocsp()).getHost());
        HttpURLConnection crl = (HttpURLConnection) URI.create(PKI.urls().crl(TestPki.INTERMEDIATE)).toURL()
                .openConnection();
        assertEquals(200, crl.getResponseCode());
        assertEquals(1, PKI.services().requestCount(PkiServices.Service.CRL));
    }

    /** What the extension does after a class, on services of its own: their port no longer answers. */
    @Test
    void freshServicesAreClosedAfterTheirClassAndHaveNoTokens() throws Exception {
        PkiServicesExtension other = PkiServicesExtension.fresh();
        other.beforeAll(null);
        URI tsa = URI.create(other.urls().tsa());
        other.afterAll(null);
        HttpURLConnection closed = (HttpURLConnection) tsa.toURL().openConnection();
        closed.setConnectTimeout(2000);
        assertThrows(IOException.class, closed::getResponseCode);
        assertThrows(IllegalStateException.class, other::softHsm);
    }
}
