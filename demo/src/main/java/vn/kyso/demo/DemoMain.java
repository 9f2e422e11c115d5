package vn.kyso.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import vn.kyso.cli.LogSetup;
import vn.kyso.cli.Main;
import vn.kyso.errors.KysoException;
import vn.kyso.server.AgentServer;
import vn.kyso.testpki.PkiIdentity;
import vn.kyso.testpki.PkiServices;
import vn.kyso.testpki.PkiUrls;
import vn.kyso.testpki.SoftHsmFixture;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;

/**
 * {@code ./kyso demo}: the product on a test PKI. Creates (once) a demo PKI and SoftHSM2 tokens in the user's data
 * directory, starts the PKI's OCSP/CRL/TSA services on 127.0.0.1, shows what the agent sees, and keeps running.
 *
 * <p>Everything here is marked TEST and lives only in the demo directory; nothing touches the real trust store.
 */
public final class DemoMain {

    /** Fixed, so the URLs baked into the persisted demo certificates keep working across runs. */
    public static final int PKI_PORT = Integer.getInteger("kyso.demo.pki.port", 18470);

    /** The demo agent's port; the installed agent's default is 18443, so a demo can run beside it. */
    public static final int AGENT_PORT = Integer.getInteger("kyso.demo.agent.port", 18444);

    /** The demo document system's origin (served by the demo from the js-client work on). */
    static final int WEB_PORT = Integer.getInteger("kyso.demo.web.port", 18480);

    /** The demo document system's origin, the one origin the demo agent allows. */
    static final String DEMO_ORIGIN = "http://localhost:" + WEB_PORT;

    static final List<SoftHsmFixture.TokenSpec> DEMO_TOKENS = List.of(SoftHsmFixture.PERSONAL_TOKEN,
            SoftHsmFixture.ORGANISATION_TOKEN, SoftHsmFixture.MULTI_TOKEN);

    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        args = LogSetup.apply(args);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        boolean once = List.of(args).contains("--once");
        Path home = Path.of(System.getProperty("kyso.demo.home",
                System.getProperty("user.home") + "/.local/share/kyso-demo"));
        DemoEnvironment environment = DemoEnvironment.prepare(home, out);

        PkiServices services;
        try {
            services = PkiServices.start(PKI_PORT).serve(environment.pki());
        } catch (BindException e) {
            System.err.println("Cổng " + PKI_PORT + " đang được dùng (có thể bản demo khác đang chạy). / Port "
                    + PKI_PORT + " is already in use (another demo may be running).");
            System.exit(3);
            return;
        }
        PkiUrls urls = services.urls();
        out.println();
        out.println("== Dịch vụ PKI thử nghiệm / test PKI services (127.0.0.1) ==");
        out.println("  OCSP: " + urls.ocsp());
        out.println("  CRL:  " + urls.crl(TestPki.INTERMEDIATE));
        out.println("  TSA:  " + urls.tsa());
        out.println();
        out.println("== Token demo (SoftHSM2) — kyso tokens ==");
        int status = Main.run(new String[] {"tokens", "--library",
                environment.softHsm().library().toString()}, out, System.err);
        out.println();
        TokenManager tokens = TokenManager.open(TokenManagerConfig.of(
                List.of(environment.softHsm().library())));
        DemoPrompts prompts = once ? DemoPrompts.NOBODY : DemoPrompts.choose();
        AgentServer agent;
        try {
            agent = DemoAgent.start(AGENT_PORT, List.of(DEMO_ORIGIN), tokens, environment.pki().root(),
                    List.of(environment.pki().intermediate()), java.net.URI.create(urls.tsa()), prompts, home);
        } catch (KysoException e) {
            System.err.println("[" + e.code() + "] " + e.messageVi() + " / " + e.messageEn());
            System.exit(3);
            return;
        }
        DemoWebServer web;
        try {
            web = DemoWebServer.start(WEB_PORT, DemoWebServer.WebRoots.of(repository()),
                    "http://127.0.0.1:" + agent.port(), home.resolve("documents"));
        } catch (RuntimeException e) {
            System.err.println("Không mở được cổng " + WEB_PORT + " cho trang demo / cannot open port " + WEB_PORT
                    + " for the demo page: " + e.getMessage());
            agent.close();
            System.exit(3);
            return;
        }
        String health = probe(agent.port());
        out.println("== Kyso Agent ==");
        out.println("  http://127.0.0.1:" + agent.port() + "/v1/health  →  " + health);
        out.println("  WebSocket: ws://127.0.0.1:" + agent.port() + "/v1/ws  (protocol: docs/protocol.md)");
        out.println("  Trang web được phép / allowed origin: " + DEMO_ORIGIN);
        out.println("  Xác nhận ký và mã PIN / consent and PIN: " + prompts.description());
        out.println();
        out.println("== Hệ thống quản lý văn bản — demo ==");
        String documents = probe(web.port(), "/api/documents");
        boolean webOk = documents.contains(SampleDocuments.DRAFTS.get(0).id());
        out.println("  Mở / open: " + DEMO_ORIGIN + "/   (" + (webOk ? SampleDocuments.DRAFTS.size()
                + " văn bản mẫu / sample documents" : "lỗi / error: " + documents) + ")");
        out.println();
        out.println("Mã PIN demo / demo PIN: " + SoftHsmFixture.USER_PIN);
        out.println("Thư mục demo / demo data: " + home);
        out.println("Tiếp theo / next: ./kyso tokens   (SOFTHSM2_CONF=" + environment.softHsm().confFile() + ")");
        if (once) {
            web.close();
            agent.close();
            tokens.close();
            services.close();
            System.exit(status == 0 && health.contains("\"status\":\"ok\"") && webOk ? 0 : 1);
        }
        out.println("Đang chạy; nhấn Ctrl+C để dừng. / Running; press Ctrl+C to stop.");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            web.close();
            agent.close();
            tokens.close();
            services.close();
            stop.countDown();
        }));
        stop.await();
    }

    private static String probe(int port) {
        return probe(port, "/v1/health");
    }

    /** The checkout this demo runs from: {@code kyso.repo} (set by ./kyso), else the working directory. */
    static java.nio.file.Path repository() {
        return java.nio.file.Path.of(System.getProperty("kyso.repo", ".")).toAbsolutePath().normalize();
    }

    private static String probe(int port, String path) {
        try {
            var client = java.net.http.HttpClient.newHttpClient();
            var response = client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException | InterruptedException e) {
            return "unreachable: " + e;
        }
    }

    /** The demo PKI and tokens, created on first run and reused afterwards. */
    record DemoEnvironment(TestPki pki, SoftHsmFixture softHsm) {

        static DemoEnvironment prepare(Path home, PrintStream out) throws IOException {
            Path pkiDir = home.resolve("pki");
            Path tokenDir = home.resolve("softhsm");
            if (TestPki.existsIn(pkiDir) && Files.isDirectory(tokenDir.resolve("tokens")) && stillFresh(pkiDir)) {
                out.println("Dùng lại PKI và token demo trong / reusing the demo PKI and tokens in " + home);
                SampleDocuments.writeAll(home.resolve("documents"));
                return new DemoEnvironment(TestPki.readFrom(pkiDir), SoftHsmFixture.existing(tokenDir, DEMO_TOKENS));
            }
            out.println("Tạo PKI và token demo (một lần) / creating the demo PKI and tokens (once) in " + home);
            TestPki pki = TestPki.generate(PkiUrls.loopback(PKI_PORT));
            SoftHsmFixture softHsm = SoftHsmFixture.create(tokenDir, pki, DEMO_TOKENS);
            pki.writeTo(pkiDir);
            restrict(pkiDir);
            SampleDocuments.writeAll(home.resolve("documents"));
            return new DemoEnvironment(pki, softHsm);
        }

        /** Regenerate before a demo certificate expires, so the demo never shows an expired signer by surprise. */
        private static boolean stillFresh(Path pkiDir) throws IOException {
            TestPki pki = TestPki.readFrom(pkiDir);
            PkiIdentity an = pki.get(TestPki.PERSONAL_AN);
            return an.certificate().getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(30)))
                    && pki.urls().equals(PkiUrls.loopback(PKI_PORT));
        }

        private static void restrict(Path dir) throws IOException {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    if (f.toString().endsWith(".key")) {
                        try {
                            Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                        } catch (UnsupportedOperationException ignored) {
                            // not a POSIX file system; the demo keys are test keys anyway
                        }
                    }
                }
            }
        }
    }
}
