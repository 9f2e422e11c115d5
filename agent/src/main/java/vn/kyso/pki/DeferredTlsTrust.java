package vn.kyso.pki;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS trust of the PKI clients: exactly the platform's default trust manager (the runtime's trust store, or the
 * one {@code javax.net.ssl.trustStore} names; PKIX with hostname and algorithm checks), made when the first https
 * connection needs it. {@code SSLContext.getDefault()}, which an HTTP client otherwise takes when it is built, reads
 * and parses the whole trust store at once — on a cold JVM a large part of building the client, paid by the first
 * signature although the state's OCSP, CRL and time-stamp services are plain http. No client certificate is offered.
 */
final class DeferredTlsTrust extends X509ExtendedTrustManager {

    private volatile X509ExtendedTrustManager platform;

    private DeferredTlsTrust() {
    }

    /** A TLS context that trusts what the platform's default trust manager trusts, read on first use. */
    static SSLContext context() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new DeferredTlsTrust()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this runtime", e);
        }
    }

    /** The platform's default trust manager, made once; a failure is the handshake's failure and is tried again. */
    X509ExtendedTrustManager platform() throws CertificateException {
        X509ExtendedTrustManager made = platform;
        if (made != null) {
            return made;
        }
        synchronized (this) {
            if (platform == null) {
                platform = defaultTrustManager();
            }
            return platform;
        }
    }

    private static X509ExtendedTrustManager defaultTrustManager() throws CertificateException {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new CertificateException("the platform offers no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new CertificateException("the platform's trust store could not be read", e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        platform().checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        platform().checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        platform().checkServerTrusted(chain, authType);
    }

    // The PKI clients only connect out: this context never has a TLS client to judge.
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw notAServer();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw notAServer();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw notAServer();
    }

    private static CertificateException notAServer() {
        return new CertificateException("the PKI clients' TLS context accepts no TLS clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0]; // the issuers a server names to its clients: never asked of a client
    }
}
