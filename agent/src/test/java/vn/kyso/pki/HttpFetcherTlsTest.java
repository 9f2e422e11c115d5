package vn.kyso.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PKI clients' https: the trust store is read only when the first https connection needs it, and what it trusts
 * is the platform's default — a server whose CA is not in it, or whose certificate names another host, is refused.
 */
class HttpFetcherTlsTest {

    private static final byte[] BODY = "ocsp".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;
    private HttpsServer server;
    private final String savedTrustStore = System.getProperty("javax.net.ssl.trustStore");
    private final String savedTrustStoreType = System.getProperty("javax.net.ssl.trustStoreType");
    private final String savedTrustStorePassword = System.getProperty("javax.net.ssl.trustStorePassword");

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        restore("javax.net.ssl.trustStore", savedTrustStore);
        restore("javax.net.ssl.trustStoreType", savedTrustStoreType);
        restore("javax.net.ssl.trustStorePassword", savedTrustStorePassword);
    }

    @Test
    void aServerWhoseCaThePlatformDoesNotTrustIsRefused() throws Exception {
        Ca ca = Ca.make();
        URI url = serve(ca, ca.serverCertificate("127.0.0.1"));
        HttpFetcher fetcher = HttpFetcher.withDefaults();
        IOException refused = assertThrows(IOException.class, () -> fetcher.get(url));
        assertTrue(causes(refused).contains("PKIX path building failed"), causes(refused));
    }

    @Test
    void aServerTheConfiguredTrustStoreVouchesForIsFetched() throws Exception {
        Ca ca = Ca.make();
        URI url = serve(ca, ca.serverCertificate("127.0.0.1"));
        HttpFetcher fetcher = HttpFetcher.withDefaults();
        // set after the client was built: the trust store is read at the first https connection
        trustOnly(ca.root);
        assertArrayEquals(BODY, fetcher.get(url));
    }

    @Test
    void aTrustedCertificateForAnotherHostIsRefused() throws Exception {
        Ca ca = Ca.make();
        URI url = serve(ca, ca.serverCertificate("10.9.8.7"));
        trustOnly(ca.root);
        HttpFetcher fetcher = HttpFetcher.withDefaults();
        IOException refused = assertThrows(IOException.class, () -> fetcher.get(url));
        assertTrue(causes(refused).contains("No subject alternative names matching IP address 127.0.0.1"),
                causes(refused));
    }

    private URI serve(Ca ca, X509Certificate certificate) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        char[] password = "changeit".toCharArray();
        keys.setKeyEntry("server", ca.serverKey.getPrivate(), password, new X509Certificate[] {certificate, ca.root});
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/ocsp", exchange -> {
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        });
        server.start();
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/ocsp");
    }

    private void trustOnly(X509Certificate root) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", root);
        Path file = dir.resolve("trust-" + System.nanoTime() + ".p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            trust.store(out, "changeit".toCharArray());
        }
        System.setProperty("javax.net.ssl.trustStore", file.toString());
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
    }

    /** The messages of {@code e} and its causes, one per line. */
    private static String causes(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }

    private static void restore(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }

    /** A throwaway CA and server key. */
    private record Ca(KeyPair rootKey, X509Certificate root, KeyPair serverKey) {

        static Ca make() throws Exception {
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(256);
            KeyPair rootKey = ec.generateKeyPair();
            X500Name name = new X500Name("CN=Kyso TLS test root " + System.nanoTime());
            X509Certificate root = issue(name, name, rootKey, rootKey.getPublic(), true, null);
            return new Ca(rootKey, root, ec.generateKeyPair());
        }

        X509Certificate serverCertificate(String ip) throws Exception {
            return issue(new X500Name(root.getSubjectX500Principal().getName()), new X500Name("CN=" + ip), rootKey,
                    serverKey.getPublic(), false, new GeneralNames(new GeneralName(GeneralName.iPAddress, ip)));
        }

        private static X509Certificate issue(X500Name issuer, X500Name subject, KeyPair signer,
                                             PublicKey key, boolean ca, GeneralNames names)
                throws Exception {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(1, ChronoUnit.HOURS)),
                    Date.from(now.plus(1, ChronoUnit.DAYS)), subject, key);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (names != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, names);
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
        }
    }
}
