package vn.kyso.testpki;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The test PKI's online services as one real HTTP server on 127.0.0.1: OCSP responder ({@code /ocsp}, POST
 * and RFC 6960 GET), CRL distribution points ({@code /crl/<ca>.crl}), CA certificates for AIA caIssuers
 * ({@code /ca/<ca>.crt}) and an RFC 3161 TSA ({@code /tsa}).
 *
 * <p>Start it first (port 0 picks a free port), generate the PKI with {@link #urls()}, then {@link #serve}. Each
 * service can be switched off to simulate an outage; requests are counted so tests can prove what went online.
 */
public final class PkiServices implements AutoCloseable {

    static {
        // The JDK's HTTP server writes a response's headers and body in separate packets with Nagle's algorithm on;
        // against a client's delayed ACK every answer then waits ~40 ms, which real OCSP/TSA servers do not add and
        // which would blur every timing measured against these services. Read once, before the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    public enum Service { OCSP, CRL, CA_ISSUERS, TSA }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<Service, Boolean> available = new ConcurrentHashMap<>();
    private final Map<Service, AtomicInteger> requests = new ConcurrentHashMap<>();
    private volatile TestPki pki;
    private volatile OcspResponder ocsp;
    private volatile CrlPublisher crls;
    private volatile TimeStampAuthority tsa;

    private PkiServices(HttpServer server) {
        this.server = server;
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "kyso-test-pki-http");
            t.setDaemon(true);
            return t;
        });
        for (Service s : Service.values()) {
            available.put(s, true);
            requests.put(s, new AtomicInteger());
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Binds 127.0.0.1 on {@code port} (0 = any free port). */
    public static PkiServices start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 32);
        return new PkiServices(server);
    }

    /** Convenience for tests: a fresh PKI bound to a fresh server. */
    public static PkiServices startWithFreshPki() throws IOException {
        PkiServices services = start(0);
        services.serve(TestPki.generate(services.urls()));
        return services;
    }

    public PkiUrls urls() {
        return PkiUrls.loopback(port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public TestPki pki() {
        return pki;
    }

    public PkiServices serve(TestPki testPki) {
        return serve(testPki, Clock.systemUTC());
    }

    public PkiServices serve(TestPki testPki, Clock clock) {
        this.pki = testPki;
        this.ocsp = new OcspResponder(testPki, clock);
        this.crls = new CrlPublisher(testPki, clock);
        this.tsa = new TimeStampAuthority(testPki, clock);
        return this;
    }

    public void setAvailable(Service service, boolean up) {
        available.put(service, up);
    }

    public int requestCount(Service service) {
        return requests.get(service).get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = URI.create(exchange.getRequestURI().getRawPath()).getPath();
            if (pki == null) {
                send(exchange, 503, "text/plain", "no PKI loaded".getBytes());
                return;
            }
            if (path.equals("/ocsp") || path.startsWith("/ocsp/")) {
                if (!count(Service.OCSP, exchange)) {
                    return;
                }
                byte[] request = exchange.getRequestMethod().equals("POST")
                        ? readBody(exchange.getRequestBody())
                        : Base64.getDecoder().decode(java.net.URLDecoder.decode(
                                path.substring(path.indexOf('/', 1) + 1), java.nio.charset.StandardCharsets.US_ASCII));
                send(exchange, 200, "application/ocsp-response", ocsp.respond(request));
            } else if (path.equals("/tsa") && exchange.getRequestMethod().equals("POST")) {
                if (!count(Service.TSA, exchange)) {
                    return;
                }
                send(exchange, 200, "application/timestamp-reply", tsa.respond(readBody(exchange.getRequestBody())));
            } else if (path.startsWith("/crl/") && path.endsWith(".crl")) {
                if (!count(Service.CRL, exchange)) {
                    return;
                }
                String alias = path.substring("/crl/".length(), path.length() - ".crl".length());
                if (!isCa(alias)) {
                    send(exchange, 404, "text/plain", "unknown CA".getBytes());
                    return;
                }
                send(exchange, 200, "application/pkix-crl", crls.crlFor(alias));
            } else if (path.startsWith("/ca/") && path.endsWith(".crt")) {
                if (!count(Service.CA_ISSUERS, exchange)) {
                    return;
                }
                String alias = path.substring("/ca/".length(), path.length() - ".crt".length());
                if (!isCa(alias)) {
                    send(exchange, 404, "text/plain", "unknown CA".getBytes());
                    return;
                }
                send(exchange, 200, "application/pkix-cert", pki.get(alias).certificate().getEncoded());
            } else {
                send(exchange, 404, "text/plain", "not found".getBytes());
            }
        } catch (Exception e) {
            try {
                send(exchange, 500, "text/plain", String.valueOf(e).getBytes());
            } catch (IOException ignored) {
                // the client went away; nothing more to say
            }
        }
    }

    private boolean isCa(String alias) {
        return pki.authorities().stream().anyMatch(a -> a.alias().equals(alias));
    }

    private boolean count(Service service, HttpExchange exchange) throws IOException {
        requests.get(service).incrementAndGet();
        if (!available.get(service)) {
            send(exchange, 503, "text/plain", (service + " is switched off for this test").getBytes());
            return false;
        }
        return true;
    }

    private static byte[] readBody(InputStream in) throws IOException {
        return in.readNBytes(1 << 20);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
