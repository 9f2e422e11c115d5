package vn.kyso.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.app.TokenInventoryView;
import vn.kyso.audit.AuditLog;
import vn.kyso.audit.AuditRecord;
import vn.kyso.testkit.SocketClient;

/**
 * Attack 1 of the hardening review: another OS account on the workstation talks to the agent with a forged Origin
 * (the allow-list is world-readable in /etc/kyso) and no secret. A throw-away account made with {@code useradd} runs
 * {@code curl} against the real agent: every request — health, the WebSocket upgrade with the allowed Origin, even
 * one carrying the user's real secret — is refused with 403 PEER_USER_MISMATCH before any upgrade, and the refusals
 * are audited, folded into one line. The agent's own user (this test process, and curl run as it) gets in.
 */
class PeerUserTest {

    private static final String APP = "https://qlvb.ninhbinh.gov.vn";
    @TempDir
    static Path dir;
    private static AgentHarness agent;
    private static AgentServer server;
    private static AuditLog audit;

    @BeforeAll
    static void start() throws Exception {
        OtherOsUser.requireRootOrSkip();
        OtherOsUser.ensure();
        agent = AgentHarness.in(dir).origins(APP).maxTextFrameBytes(64 * 1024)
                .methods(parts -> Map.of("tokens.list", (session, params) -> TokenInventoryView.of(parts.tokens())))
                .refusals((origin, operation, result) -> audit.append(new AuditRecord(origin, operation, "", "", "",
                        "", result))).start();
        server = agent.server();
        audit = agent.audit();
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
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
        OtherOsUser.Result upgrade = OtherOsUser.curl(OtherOsUser.NAME, "/v1/ws", port,
                with(UPGRADE, "Origin: " + APP));
        OtherOsUser.Result health = OtherOsUser.curl(OtherOsUser.NAME, "/v1/health", port, "Origin: " + APP);
        OtherOsUser.Result localHealth = OtherOsUser.curl(OtherOsUser.NAME, "/v1/health", port);
        OtherOsUser.Result withSecret = OtherOsUser.curl(OtherOsUser.NAME, "/v1/ws", port, with(UPGRADE,
                "Authorization: Bearer " + server.secret().value()));
        for (OtherOsUser.Result r : List.of(upgrade, health, localHealth, withSecret)) {
            System.out.println("as " + OtherOsUser.NAME + ": HTTP " + r.status() + " " + r.body());
            assertEquals(403, r.status(), r.output());
            JsonNode error = SocketClient.JSON.readTree(r.body()).path("error");
            assertEquals("PEER_USER_MISMATCH", error.path("code").asText(), r.output());
            assertTrue(error.path("message_vi").asText().contains("tài khoản"), r.output());
            assertTrue(error.path("message_en").asText().contains("user account"), r.output());
        }

        // the agent's own user, with the same tool and the same requests, gets in
        OtherOsUser.Result ownHealth = OtherOsUser.curl(null, "/v1/health", port, "Origin: " + APP);
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
        String line = lines.stream().filter(l -> l.contains("PEER_USER_MISMATCH")).findFirst().orElseThrow();
        assertTrue(line.contains("another OS user"), line);
    }
}
