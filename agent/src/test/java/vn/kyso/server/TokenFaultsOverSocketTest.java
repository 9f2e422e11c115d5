package vn.kyso.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.testkit.ScriptedAnswers;
import vn.kyso.testkit.SocketClient;
import vn.kyso.testpki.SoftHsmFixture;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.PinRequest;
import vn.kyso.token.TokenInfo;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;
import vn.kyso.token.fault.FaultShim;

/**
 * A USB token's misbehaviour seen from a web page: SoftHSM2 behind the fault-injection PKCS#11 shim, the agent wired
 * as {@code kyso serve} wires it (token events broadcast to every socket), and OkHttp clients.
 */
class TokenFaultsOverSocketTest {

    private static final List<String> APPS = List.of("https://qlvb.ninhbinh.gov.vn", "https://egov.ninhbinh.gov.vn",
            "https://motcua.ninhbinh.gov.vn", "https://hscv.ninhbinh.gov.vn", "https://vbdh.ninhbinh.gov.vn");
    @TempDir
    static Path dir;
    private static FaultShim shim;
    private static TokenManager tokens;
    private static AgentServer server;
    private static AgentHarness agent;
    private static ScriptedAnswers<PinRequest, String> pins;

    @BeforeAll
    static void start() throws Exception {
        TestEnvironment.shared();
        shim = FaultShim.load();
        shim.reset();
        // token events forwarded, as ServeCommand and the demo do
        agent = AgentHarness.in(dir).origins(APPS)
                .tokens(TokenManagerConfig.of(List.of(shim.path())).withPollInterval(Duration.ofMillis(200)))
                .methods(AgentHarness.standard())
                .tokenEvents().start();
        server = agent.server();
        tokens = agent.tokens();
        pins = agent.person().pin();
    }

    @AfterAll
    static void stop() {
        agent.close();
        shim.reset();
    }

    @BeforeEach
    void clean() {
        shim.reset();
        tokens.refresh();
        tokens.tokens().forEach(t -> tokens.logout(t.id()));
        pins.reset(SoftHsmFixture.USER_PIN);
    }

    private static String anId() {
        return tokens.certificates().stream().filter(c -> c.label().equals(TestPki.PERSONAL_AN)).findFirst()
                .orElseThrow().id();
    }

    private static String signHash(String certificateId, String text) throws Exception {
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
        return "{\"certificateId\":\"" + certificateId + "\",\"hash\":\"" + hash + "\"}";
    }

    @Test
    void tokenPulledMidSignatureIsTokenRemovedAndTheAgentCarriesOn() throws Exception {
        String an = anId();
        TokenInfo token = tokens.tokens().stream().filter(t -> t.id().equals(tokens.certificate(an).tokenId()))
                .findFirst().orElseThrow();
        try (SocketClient c = SocketClient.open(server.port(), APPS.get(0))) {
            assertTrue(c.call("sign.hash", signHash(an, "before")).has("result"));
            shim.delay("C_Sign", 800);
            String inFlight = c.send("sign.hash", signHash(an, "during"));
            Thread.sleep(250);
            shim.unplug(token.slotId());
            JsonNode answer = c.answer(inFlight, 10);
            assertEquals("TOKEN_REMOVED", answer.get("error").get("code").asText(), answer.toString());
            JsonNode removed = c.event("token.removed", 5);
            assertEquals(token.id(), removed.get("id").asText());
            assertEquals(token.label(), removed.get("label").asText());
            shim.delay("C_Sign", 0);

            try (Response health = new OkHttpClient().newCall(new Request.Builder()
                    .url("http://127.0.0.1:" + server.port() + "/v1/health").build()).execute()) {
                assertEquals(200, health.code(), "the agent stays up");
            }
            assertEquals("CERTIFICATE_NOT_FOUND", c.errorCode("sign.hash", signHash(an, "absent")),
                    "the certificate left with its token");

            shim.plugIn(token.slotId());
            assertEquals(token.id(), c.event("token.inserted", 5).get("id").asText());
            pins.reset(SoftHsmFixture.USER_PIN);
            assertTrue(c.call("sign.hash", signHash(an, "after")).has("result"), "no restart needed");
            assertEquals(1, pins.count(), "the re-inserted token asks for a new login");
        }
    }

    @Test
    void tenClientsOnOneSlowTokenAreQueuedOneAtATimeAndAllAnswered() throws Exception {
        String an = anId();
        long perSignature;
        try (SocketClient warmUp = SocketClient.open(server.port(), APPS.get(0))) {
            assertTrue(warmUp.call("sign.hash", signHash(an, "login")).has("result"));
            long before = shim.callCount("C_Sign");
            assertTrue(warmUp.call("sign.hash", signHash(an, "one")).has("result"));
            perSignature = shim.callCount("C_Sign") - before; // the length query and the signature
        }
        long signsBefore = shim.callCount("C_Sign");
        int delayMs = 150;
        shim.delay("C_Sign", delayMs);
        List<SocketClient> clients = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            clients.add(SocketClient.open(server.port(), APPS.get(i % APPS.size())));
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            ids.add(clients.get(i).send("sign.hash", signHash(an, "document " + i)));
        }
        for (int i = 0; i < 10; i++) {
            JsonNode answer = clients.get(i).answer(ids.get(i), 30);
            assertTrue(answer.has("result"), "client " + i + ": " + answer);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        clients.forEach(SocketClient::close);
        assertEquals(10 * perSignature, shim.callCount("C_Sign") - signsBefore, "each request signed exactly once");
        assertTrue(seconds >= 10 * perSignature * delayMs / 1000.0 * 0.95,
                "signatures on one token run one after another, not overlapping: " + seconds + " s");
        assertEquals(1, pins.count(), "one login (the warm-up) serves all ten queued requests");
        System.out.printf("10 clients, one token with %d ms per signature: all answered in %.2f s%n", delayMs,
                seconds);
    }
}
