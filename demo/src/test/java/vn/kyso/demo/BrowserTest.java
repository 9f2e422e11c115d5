package vn.kyso.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

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

/**
 * The whole chain in a real browser: headless Chromium (playwright-core, js-client/test/browser/*.browser.mjs) opens
 * the demo document system, which signs through js-client and the real agent, on SoftHSM2 tokens behind the
 * fault-injection shim (so a token can be pulled out), with the test PKI's OCSP/CRL/TSA services.
 *
 * <p>The person is scripted in-process: the consent prompt approves (or refuses, when a test asks) and records what it
 * was shown; the PIN prompt types the PIN and records that it was asked. The browser scripts steer and read this
 * through a control endpoint of this harness — never of the agent. Every browser test is reported here as one test.
 */
class BrowserTest {

    private static final Pattern TAP_RESULT = Pattern.compile("^( *)(not )?ok \\d+ - (.*?)(?: # (SKIP|TODO).*)?$");

    @TempDir
    Path work;

    private final List<Map<String, Object>> consents = new CopyOnWriteArrayList<>();
    private final AtomicReference<ConsentPrompt.Decision> decision = new AtomicReference<>(ConsentPrompt.Decision.APPROVE);
    private final AtomicInteger pinPrompts = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> browserTests() throws Exception {
        Path repository = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
        Path jsClient = repository.resolve("js-client");
        Path chromium = Path.of(System.getProperty("kyso.test.chromium", "/usr/bin/chromium"));
        boolean ready = Files.isExecutable(chromium) && Files.isDirectory(jsClient.resolve("node_modules/playwright-core"))
                && onPath("node");
        if (!ready) {
            String why = "browser tests need " + chromium + ", node and js-client/node_modules (scripts/bootstrap.sh)";
            // CI installs all of them: there a missing browser is a failure, never a silent skip.
            assertTrue(!"true".equals(System.getenv("CI")), why);
            Assumptions.abort(why);
        }

        TestEnvironment env = TestEnvironment.shared();
        FaultShim shim = FaultShim.load();
        shim.reset();
        Path samples = work.resolve("samples");
        SampleDocuments.writeAll(samples);
        try (TokenManager tokens = TokenManager.open(TokenManagerConfig.of(List.of(shim.path()))
                .withPollInterval(Duration.ofMillis(200)))) {
            DemoPrompts prompts = new DemoPrompts(request -> {
                consents.add(describe(request));
                return decision.get();
            }, request -> {
                pinPrompts.incrementAndGet();
                return Optional.of(SoftHsmFixture.USER_PIN.toCharArray());
            }, "scripted");
            DemoWebServer.WebRoots roots = DemoWebServer.WebRoots.of(repository);
            Javalin control = null;
            AgentServer agent = null;
            DemoWebServer web = null;
            DemoWebServer foreign = null;
            try {
                // The agent must know the allowed origin before the page's server runs: reserve the port first.
                int webPort = freePort();
                String origin = "http://localhost:" + webPort;
                agent = DemoAgent.start(0, List.of(origin), tokens, env.pki().root(),
                        List.of(env.pki().intermediate()), URI.create(env.services().urls().tsa()), prompts,
                        work.resolve("agent"));
                String agentUrl = "http://127.0.0.1:" + agent.port();
                web = DemoWebServer.start(webPort, roots, agentUrl, samples);
                foreign = DemoWebServer.start(0, roots, agentUrl, samples);
                control = control(shim, tokens);
                return run(jsClient, Map.of(
                        "KYSO_WEB_URL", origin,
                        "KYSO_FOREIGN_URL", "http://127.0.0.1:" + foreign.port(),
                        "KYSO_AGENT_URL", agentUrl,
                        "KYSO_CONTROL_URL", "http://127.0.0.1:" + control.port(),
                        "KYSO_TEST_PIN", SoftHsmFixture.USER_PIN,
                        "KYSO_CHROMIUM", chromium.toString(),
                        "KYSO_ARTIFACTS", repository.resolve("demo/target/browser-artifacts").toString()));
            } finally {
                if (control != null) {
                    control.stop();
                }
                if (foreign != null) {
                    foreign.close();
                }
                if (web != null) {
                    web.close();
                }
                if (agent != null) {
                    agent.close();
                }
                shim.reset();
            }
        }
    }

    private static Map<String, Object> describe(ConsentRequest request) {
        return Map.of("origin", request.origin(), "operationVi", request.operationVi(), "documentName",
                request.documentName(), "pages", request.pages(), "documentSha256", request.documentSha256(),
                "signer", request.signer(), "tokenLabel", request.tokenLabel(), "blind", request.blind());
    }

    /** The harness's own endpoint: what the person was asked, and the token's presence in its slot. */
    private Javalin control(FaultShim shim, TokenManager tokens) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.jetty.defaultHost = "127.0.0.1";
        });
        app.get("/prompts", ctx -> ctx.json(Map.of("consents", consents, "pinPrompts", pinPrompts.get())));
        app.post("/prompts/reset", ctx -> {
            consents.clear();
            pinPrompts.set(0);
            decision.set(ConsentPrompt.Decision.valueOf(ctx.queryParamAsClass("decision", String.class)
                    .getOrDefault("APPROVE")));
            ctx.json(Map.of());
        });
        app.post("/token/{label}/{action}", ctx -> {
            String label = ctx.pathParam("label");
            long slot = slotOf(tokens, label, shim);
            switch (ctx.pathParam("action")) {
                case "unplug" -> shim.unplug(slot);
                case "plug" -> shim.plugIn(slot);
                default -> throw new IllegalArgumentException(ctx.pathParam("action"));
            }
            ctx.json(Map.of("slot", slot));
        });
        return app.start(0);
    }

    private final Map<String, Long> slots = new java.util.concurrent.ConcurrentHashMap<>();

    /** The slot of a token, remembered while it is present so it can be plugged back in after removal. */
    private long slotOf(TokenManager tokens, String label, FaultShim shim) {
        return slots.computeIfAbsent(label, l -> tokens.tokens().stream().filter(t -> t.label().equals(l))
                .map(TokenInfo::slotId).findFirst().orElseThrow(() -> new IllegalArgumentException("no token " + l)));
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Runs node's test runner over the browser scripts; one dynamic test per script test, from the TAP report. */
    private Stream<DynamicTest> run(Path jsClient, Map<String, String> environment) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "--test", "--test-concurrency=1",
                "--test-reporter=spec", "--test-reporter-destination=stdout",
                "--test-reporter=tap", "--test-reporter-destination=" + work.resolve("browser.tap")));
        try (Stream<Path> files = Files.list(jsClient.resolve("test/browser"))) {
            files.map(Path::toString).filter(f -> f.endsWith(".browser.mjs")).sorted().forEach(command::add);
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(jsClient.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process node = builder.start();
        byte[] output = node.getInputStream().readAllBytes();
        assertTrue(node.waitFor(10, TimeUnit.MINUTES), "browser tests did not finish");
        System.out.println(new String(output, StandardCharsets.UTF_8));
        List<String> tap = Files.readAllLines(work.resolve("browser.tap"));
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < tap.size(); i++) {
            Matcher m = TAP_RESULT.matcher(tap.get(i));
            // Indented once: a test inside one script file (the file-level lines only sum them up).
            if (!m.matches() || m.group(1).length() != 4) {
                continue;
            }
            boolean failed = m.group(2) != null;
            boolean skipped = "SKIP".equals(m.group(4));
            String name = m.group(3);
            StringBuilder diagnostics = new StringBuilder();
            for (int j = i + 1; j < tap.size() && !TAP_RESULT.matcher(tap.get(j)).matches()
                    && !tap.get(j).trim().startsWith("# Subtest"); j++) {
                diagnostics.append(tap.get(j)).append('\n');
            }
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Assumptions.assumeFalse(skipped, name + " skipped: " + diagnostics);
                assertTrue(!failed, name + " failed:\n" + diagnostics);
            }));
        }
        int exit = node.exitValue();
        tests.add(DynamicTest.dynamicTest("node test runner exit code", () -> assertEquals(0, exit,
                "node --test exited with " + exit)));
        assertTrue(tests.size() > 1, "no browser test ran:\n" + String.join("\n", tap));
        return tests.stream();
    }
}
