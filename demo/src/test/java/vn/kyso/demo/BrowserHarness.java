package vn.kyso.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.javalin.Javalin;

import vn.kyso.consent.ConsentPrompt;
import vn.kyso.consent.ConsentRequest;
import vn.kyso.server.AgentServer;
import vn.kyso.testpki.SoftHsmFixture;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.token.TokenInfo;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;
import vn.kyso.token.fault.FaultShim;
import vn.kyso.vgca.StampImages;
import vn.kyso.vgca.VgcaSettings;

/**
 * Everything the browser tests talk to: the real agent on SoftHSM2 tokens behind the fault-injection shim (so a
 * token can be pulled out) with the test PKI's OCSP/CRL/TSA services, the demo document system on the allowed origin,
 * the same page on a second, non-allowed origin, and this harness's own control endpoint.
 *
 * <p>The person is scripted in-process: the consent prompt approves (or refuses, when a test asks) and records what it
 * was shown; the PIN prompt types the PIN and counts that it was asked. The browser scripts steer and read this
 * through the control endpoint — of the harness, never of the agent.
 *
 * <p>{@link #main} keeps it running for developing the scripts by hand (prints the environment to export).
 */
final class BrowserHarness implements AutoCloseable {

    private final List<Map<String, Object>> consents = new CopyOnWriteArrayList<>();
    private final AtomicReference<ConsentPrompt.Decision> decision = new AtomicReference<>(ConsentPrompt.Decision.APPROVE);
    private final AtomicInteger pinPrompts = new AtomicInteger();
    /** What the scripted person types: the right PIN unless a test asks for a wrong one. */
    private final AtomicReference<String> typedPin = new AtomicReference<>(SoftHsmFixture.USER_PIN);
    private final Map<String, Long> slots = new ConcurrentHashMap<>();
    private final FaultShim shim;
    private final TokenManager tokens;
    private volatile AgentServer agent;
    private final Path agentHome;
    private final DemoPrompts prompts;
    private final X509Certificate root;
    private final List<X509Certificate> extraCas;
    private final URI tsa;
    private final List<String> origins;
    private final DemoWebServer web;
    private final DemoWebServer foreign;
    private final DemoWebServer lan;
    private final DemoWebServer secure;
    private final LegacyDocumentSystem legacy;
    private final LegacyDocumentSystem legacyForeign;
    private final VgcaSettings vgca;
    private final Javalin control;
    private final Map<String, String> environment = new LinkedHashMap<>();

    BrowserHarness(Path repository, Path work, Path chromium) throws IOException {
        TestEnvironment env = TestEnvironment.shared();
        shim = FaultShim.load();
        shim.reset();
        Path samples = work.resolve("samples");
        SampleDocuments.writeAll(samples);
        tokens = TokenManager.open(TokenManagerConfig.of(List.of(shim.path())).withPollInterval(Duration.ofMillis(200)));
        prompts = new DemoPrompts(request -> {
            consents.add(describe(request));
            return decision.get();
        }, request -> {
            pinPrompts.incrementAndGet();
            return Optional.of(typedPin.get().toCharArray());
        }, "scripted");
        // The agent must know the allowed origin before the page's server runs: reserve the port first.
        int webPort = freePort(java.net.InetAddress.getLoopbackAddress());
        String origin = "http://localhost:" + webPort;
        // The same page from this machine's network address, as an intranet document system is served: Chrome's
        // Local Network Access applies to it (loopback pages are exempt). Allowed, so only the browser stands between.
        Optional<java.net.InetAddress> lanAddress = lanAddress();
        int lanPort = lanAddress.isPresent() ? freePort(lanAddress.get()) : 0;
        String lanOrigin = lanAddress.map(a -> "http://" + a.getHostAddress() + ":" + lanPort).orElse("");
        // And over https, as most document systems are: an https page reaching the agent on http://127.0.0.1.
        int securePort = freePort(java.net.InetAddress.getLoopbackAddress());
        String secureOrigin = "https://localhost:" + securePort;
        // A document system written for VGCA's plugin, given vgca-compat.js instead (LegacyDocumentSystem).
        int legacyPort = freePort(java.net.InetAddress.getLoopbackAddress());
        String legacyOrigin = "http://localhost:" + legacyPort;
        origins = lanAddress.isPresent() ? List.of(origin, secureOrigin, legacyOrigin, lanOrigin)
                : List.of(origin, secureOrigin, legacyOrigin);
        vgca = VgcaSettings.of(List.of(), new StampImages(samples.resolve("signature.png"), samples.resolve("seal.png")));
        root = env.pki().root();
        extraCas = List.of(env.pki().intermediate());
        tsa = URI.create(env.services().urls().tsa());
        agentHome = work.resolve("agent");
        agent = DemoAgent.start(0, origins, tokens, root, extraCas, tsa, prompts, agentHome, vgca);
        String agentUrl = "http://127.0.0.1:" + agent.port();
        DemoWebServer.WebRoots roots = DemoWebServer.WebRoots.of(repository);
        web = DemoWebServer.start(webPort, roots, agentUrl, samples);
        foreign = DemoWebServer.start(0, roots, agentUrl, samples);
        try {
            secure = DemoWebServer.start("127.0.0.1", securePort, LocalhostTls.keyStore(), LocalhostTls.PASSWORD, roots,
                    agentUrl, samples);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot make the test TLS identity", e);
        }
        lan = lanAddress.isPresent()
                ? DemoWebServer.start(lanAddress.get().getHostAddress(), lanPort, roots, agentUrl, samples) : null;
        legacy = LegacyDocumentSystem.start(legacyPort, repository, agentUrl, LegacyDocumentSystem.draft(samples));
        legacyForeign = LegacyDocumentSystem.counting();
        control = control();
        environment.put("KYSO_WEB_URL", origin);
        environment.put("KYSO_FOREIGN_URL", "http://127.0.0.1:" + foreign.port());
        environment.put("KYSO_AGENT_URL", agentUrl);
        environment.put("KYSO_LAN_URL", lanOrigin);
        environment.put("KYSO_SECURE_URL", secureOrigin);
        environment.put("KYSO_LEGACY_URL", legacyOrigin);
        environment.put("KYSO_LEGACY_FOREIGN_URL", legacyForeign.loopbackOrigin());
        environment.put("KYSO_CONTROL_URL", "http://127.0.0.1:" + control.port());
        environment.put("KYSO_TEST_PIN", SoftHsmFixture.USER_PIN);
        environment.put("KYSO_CHROMIUM", chromium.toString());
        Path artifacts = repository.resolve("demo/target/browser-artifacts");
        clear(artifacts);
        environment.put("KYSO_ARTIFACTS", artifacts.toString());
    }

    /** The document system written for VGCA's plugin, and the foreign server its page must never reach. */
    LegacyDocumentSystem legacy() {
        return legacy;
    }

    LegacyDocumentSystem legacyForeign() {
        return legacyForeign;
    }

    /** What the browser scripts need to find everything (KYSO_* variables). */
    Map<String, String> environment() {
        return environment;
    }

    private static Map<String, Object> describe(ConsentRequest request) {
        return Map.of("origin", request.origin(), "operationVi", request.operationVi(), "documentName",
                request.documentName(), "pages", request.pages(), "documentSha256", request.documentSha256(),
                "signer", request.signer(), "tokenLabel", request.tokenLabel(), "blind", request.blind(),
                "contents", request.contents());
    }

    private Javalin control() {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.startupWatcherEnabled = false;
            config.jetty.host = "127.0.0.1";
            config.routes.get("/prompts",
                    ctx -> ctx.json(Map.of("consents", consents, "pinPrompts", pinPrompts.get())));
            config.routes.post("/prompts/reset", ctx -> {
                consents.clear();
                pinPrompts.set(0);
                String wanted = ctx.queryParam("decision");
                decision.set(wanted == null ? ConsentPrompt.Decision.APPROVE
                        : ConsentPrompt.Decision.valueOf(wanted));
                typedPin.set("wrong".equals(ctx.queryParam("pin")) ? "999999" : SoftHsmFixture.USER_PIN);
                tokens.tokens().forEach(t -> tokens.logout(t.id()));
                ctx.json(Map.of());
            });
            // The agent stops and starts again on the same port, as after an update or a crash.
            config.routes.post("/agent/restart", ctx -> {
                int port = agent.port();
                agent.close();
                agent = DemoAgent.start(port, origins, tokens, root, extraCas, tsa, prompts, agentHome, vgca);
                ctx.json(Map.of("port", port));
            });
            config.routes.post("/token/{label}/{action}", ctx -> {
                long slot = slotOf(ctx.pathParam("label"));
                switch (ctx.pathParam("action")) {
                    case "unplug" -> shim.unplug(slot);
                    case "plug" -> shim.plugIn(slot);
                    case "unplug-while-signing" -> unplugWhileSigning(slot);
                    default -> throw new IllegalArgumentException(ctx.pathParam("action"));
                }
                ctx.json(Map.of("slot", slot));
            });
        });
        return app.start(0);
    }

    /** The next signature on the token takes a while, and the token is pulled out while it is being made. */
    private void unplugWhileSigning(long slot) {
        long before = shim.callCount("C_Sign");
        shim.delay("C_Sign", 1500);
        Thread puller = new Thread(() -> {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            try {
                while (shim.callCount("C_Sign") == before && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                Thread.sleep(200);
                shim.unplug(slot);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                shim.delay("C_Sign", 0);
            }
        }, "browser-test-token-puller");
        puller.setDaemon(true);
        puller.start();
    }

    /** The slot of a token, remembered while it is present so it can be plugged back in after removal. */
    private long slotOf(String label) {
        return slots.computeIfAbsent(label, l -> tokens.tokens().stream().filter(t -> t.label().equals(l))
                .map(TokenInfo::slotId).findFirst().orElseThrow(() -> new IllegalArgumentException("no token " + l)));
    }

    /** Screenshots and figures of this run only. */
    private static void clear(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            try (var files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** A non-loopback IPv4 address of an interface that is up, if the machine has one. */
    private static Optional<java.net.InetAddress> lanAddress() throws IOException {
        for (java.net.NetworkInterface nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (java.net.InetAddress address : java.util.Collections.list(nic.getInetAddresses())) {
                if (address instanceof java.net.Inet4Address && !address.isLoopbackAddress()
                        && !address.isLinkLocalAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }

    private static int freePort(java.net.InetAddress address) throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, address)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        control.stop();
        legacy.close();
        legacyForeign.close();
        foreign.close();
        secure.close();
        if (lan != null) {
            lan.close();
        }
        web.close();
        agent.close();
        tokens.close();
        shim.reset();
    }

    /** Runs until stdin closes: {@code eval "$(…)"} the printed lines, then run node --test by hand. */
    public static void main(String[] args) throws Exception {
        Path repository = Path.of(args.length > 0 ? args[0] : "..").toAbsolutePath().normalize();
        try (BrowserHarness harness = new BrowserHarness(repository, Files.createTempDirectory("kyso-browser"),
                Path.of("/usr/bin/chromium"))) {
            harness.environment().forEach((k, v) -> System.out.println("export " + k + "='" + v + "'"));
            System.out.flush();
            System.in.read();
        }
    }
}
