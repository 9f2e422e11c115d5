package vn.kyso.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.app.TokenInventoryView;
import vn.kyso.audit.AuditLog;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;

/**
 * Attack 1 of the hardening review: another OS account on the workstation talks to the agent with a forged Origin
 * (the allow-list is world-readable in /etc/kyso) and no secret. A throw-away account made with {@code useradd} runs
 * {@code curl} against the real agent: every request — health, the WebSocket upgrade with the allowed Origin, even one
 * carrying the user's real secret — is refused with 403 PEER_USER_MISMATCH before any upgrade, and the refusals are
 * audited, folded into one line. The agent's own user (this test process, and curl run as it) gets in.
 */
class PeerUserTest {

    private static final String APP = "https://qlvb.ninhbinh.gov.vn";
    static final String OTHER_USER = "kysopeer";
    @TempDir
    static Path dir;
    private static TokenManager tokens;
    private static AgentServer server;
    private static AuditLog audit;

    @BeforeAll
    static void start() throws Exception {
        requireRootOrSkip();
        ensureUser(OTHER_USER);
        tokens = TokenManager.open(TokenManagerConfig.of(List.of(TestEnvironment.shared().softHsm().library())));
        audit = new AuditLog(dir.resolve("audit.jsonl"));
        server = AgentServer.start(new ServerSettings(0, List.of(APP), dir.resolve("secret"), 64 * 1024,
                Duration.ofMinutes(1)), new OriginPolicy(List.of(APP)), Map.of("tokens.list",
                (session, params) -> TokenInventoryView.of(tokens)), "test", audit);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
            tokens.close();
        }
    }

    /** Creating an account needs root: CI runs as root, so there it must run; elsewhere it is skipped, saying why. */
    static void requireRootOrSkip() throws IOException {
        boolean root = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        if (!root) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI must run the other-OS-user tests as root (useradd)");
            }
            Assumptions.abort("not root: cannot create a second OS user with useradd; run as root (CI does)");
        }
    }

    /** A system account without home or login shell; kept for later runs (creating it again is a no-op). */
    static void ensureUser(String name) throws Exception {
        if (run(List.of("id", "-u", name)).exit() == 0) {
            return;
        }
        Result made = run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name));
        // 9: made meanwhile by a parallel run
        assertTrue(made.exit() == 0 || made.exit() == 9, "useradd " + name + ": " + made.output());
    }

    record Result(int exit, String output) {
        /** curl's last line is the status written by {@code -w}. */
        int status() {
            String[] lines = output.strip().split("\n");
            return Integer.parseInt(lines[lines.length - 1].trim());
        }

        String body() {
            int cut = output.strip().lastIndexOf('\n');
            return cut < 0 ? "" : output.substring(0, cut);
        }
    }

    static Result run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean ended = process.waitFor(30, TimeUnit.SECONDS);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            process.destroyForcibly();
            throw new AssertionError("did not end: " + command + "\n" + out);
        }
        return new Result(process.exitValue(), out);
    }

    /** curl as {@code user} (null: as the agent's own user), printing the body and then the HTTP status. */
    static Result curl(String user, String path, int port, String... headers) throws Exception {
        List<String> command = new ArrayList<>();
        if (user != null) {
            command.addAll(List.of("runuser", "-u", user, "--"));
        }
        command.addAll(List.of("curl", "-s", "--max-time", "5", "-w", "\n%{http_code}"));
        for (String header : headers) {
            command.addAll(List.of("-H", header));
        }
        command.add("http://127.0.0.1:" + port + path);
        return run(command);
    }

    static final String[] UPGRADE = {"Connection: Upgrade", "Upgrade: websocket", "Sec-WebSocket-Version: 13",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="};

    private static String[] with(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void anotherOsUserIsRefusedBeforeAnyUpgradeEvenWithAnAllowedOriginOrTheSecret() throws Exception {
        int port = server.port();
        Result upgrade = curl(OTHER_USER, "/v1/ws", port, with(UPGRADE, "Origin: " + APP));
        Result health = curl(OTHER_USER, "/v1/health", port, "Origin: " + APP);
        Result localHealth = curl(OTHER_USER, "/v1/health", port);
        Result withSecret = curl(OTHER_USER, "/v1/ws", port, with(UPGRADE,
                "Authorization: Bearer " + server.secret().value()));
        for (Result r : List.of(upgrade, health, localHealth, withSecret)) {
            System.out.println("as " + OTHER_USER + ": HTTP " + r.status() + " " + r.body());
            assertEquals(403, r.status(), r.output());
            JsonNode error = SocketClient.JSON.readTree(r.body()).path("error");
            assertEquals("PEER_USER_MISMATCH", error.path("code").asText(), r.output());
            assertTrue(error.path("message_vi").asText().contains("tài khoản"), r.output());
            assertTrue(error.path("message_en").asText().contains("user account"), r.output());
        }

        // the agent's own user, with the same tool and the same requests, gets in
        Result ownHealth = curl(null, "/v1/health", port, "Origin: " + APP);
        System.out.println("as the agent's user: HTTP " + ownHealth.status() + " " + ownHealth.body());
        assertEquals(200, ownHealth.status(), ownHealth.output());
        try (SocketClient page = SocketClient.open(port, APP)) {
            JsonNode answer = page.call("tokens.list", "{}");
            assertTrue(answer.has("result"), answer.toString());
        }

        // four refusals within a minute: one audit line now, the rest folded into the next
        audit.flush();
        List<String> lines = Files.readAllLines(audit.file());
        long refusals = lines.stream().filter(l -> l.contains("PEER_USER_MISMATCH")).count();
        System.out.println("audit lines for 4 refused requests: " + refusals);
        assertEquals(1, refusals, String.join("\n", lines));
        assertTrue(lines.get(0).contains("another OS user"), lines.get(0));
    }
}
