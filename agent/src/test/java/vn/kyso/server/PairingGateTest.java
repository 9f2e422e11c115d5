package vn.kyso.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.pairing.PairedOrigins;
import vn.kyso.pairing.Pairing;
import vn.kyso.pairing.PairingPrompt;
import vn.kyso.pairing.PairingPrompt.Answer;
import vn.kyso.testkit.SocketClient;

/** Pairing through the real gate: OkHttp against a running agent, with a scripted person answering the prompt. */
class PairingGateTest {

    private static final String IT_ALLOWED = "https://qlvb.ninhbinh.gov.vn";
    private static final String NEW_SITE = "https://dichvucong.ninhbinh.gov.vn";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(15)).build();

    @TempDir
    Path dir;
    private final List<AgentHarness> agents = new ArrayList<>();

    private AgentServer start(Pairing pairing) throws Exception {
        AgentHarness agent = AgentHarness.in(dir).origins(IT_ALLOWED).maxTextFrameBytes(64 * 1024).pairing(pairing)
                .methods(parts -> Map.of()).start();
        agents.add(agent);
        return agent.server();
    }

    private Pairing pairing(PairingPrompt person) {
        return new Pairing(new PairedOrigins(dir.resolve("paired-origins.json")), person);
    }

    @AfterEach
    void stop() {
        agents.forEach(AgentHarness::close);
    }

    private static SocketClient connect(AgentServer server, String origin) {
        return SocketClient.connect(server.port(), origin);
    }

    private static Response health(AgentServer server, String origin) throws Exception {
        return HTTP.newCall(new Request.Builder().url("http://127.0.0.1:" + server.port() + "/v1/health")
                .header("Origin", origin).build()).execute();
    }

    @Test
    void approvedAlwaysConnectsAndSurvivesARestart() throws Exception {
        AgentHarness.Person person = new AgentHarness.Person();
        AgentServer server = start(pairing(person));
        try (Response r = health(server, NEW_SITE)) {
            assertEquals(403, r.code(), "health never asks");
        }
        assertEquals(List.of(), person.pairing().asked());

        person.pairing().then(Answer.ALWAYS);
        SocketClient c = connect(server, NEW_SITE);
        assertEquals("open", c.awaitOutcome());
        assertEquals(List.of(NEW_SITE), person.pairing().asked());
        assertEquals(NEW_SITE, c.callRaw("{\"id\":1,\"method\":\"info\"}").get("result").get("caller").asText());
        try (Response r = health(server, NEW_SITE)) {
            assertEquals(200, r.code());
            assertEquals(NEW_SITE, r.header("Access-Control-Allow-Origin"));
        }
        c.socket().close(1000, "bye");
        server.close();
        agents.clear();

        AgentHarness.Person nobody = new AgentHarness.Person();
        AgentServer restarted = start(pairing(nobody));
        SocketClient again = connect(restarted, NEW_SITE);
        assertEquals("open", again.awaitOutcome());
        assertEquals(List.of(), nobody.pairing().asked(), "remembered: no second prompt after the restart");
    }

    @Test
    void deniedIsRefusedWithOriginNotAllowedAndNotAskedAgain() throws Exception {
        AgentHarness.Person person = new AgentHarness.Person();
        AgentServer server = start(pairing(person));
        person.pairing().then(Answer.DENY);
        SocketClient c = connect(server, NEW_SITE);
        assertEquals(403, c.awaitOutcome());
        assertEquals("ORIGIN_NOT_ALLOWED", JSON.readTree(c.refusal()).get("error").get("code").asText());

        SocketClient again = connect(server, NEW_SITE);
        assertEquals(403, again.awaitOutcome());
        assertEquals(1, person.pairing().count());
    }

    @Test
    void aPageSpammingUpgradesGetsOnePromptAndTheOthersAreRefusedAtOnce() throws Exception {
        AgentHarness.Person person = new AgentHarness.Person();
        AgentServer server = start(pairing(person));
        SocketClient first = connect(server, NEW_SITE);
        waitUntil(() -> person.pairing().count() == 1);
        List<SocketClient> spam = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            spam.add(connect(server, NEW_SITE));
        }
        for (SocketClient c : spam) {
            assertEquals(403, c.awaitOutcome());
        }
        person.pairing().then(Answer.ONCE);
        assertEquals("open", first.awaitOutcome());
        assertEquals(1, person.pairing().count());
    }

    @Test
    void plainHttpSitesLookAlikesAndLocalProgramsAreNeverOfferedToThePerson() throws Exception {
        AgentHarness.Person person = new AgentHarness.Person();
        AgentServer server = start(pairing(person));
        for (String origin : List.of("http://dichvucong.ninhbinh.gov.vn", "null", "http://10.1.2.3:8080")) {
            SocketClient c = connect(server, origin);
            assertEquals(403, c.awaitOutcome(), origin);
        }
        assertEquals(List.of(), person.pairing().asked());
        // the IT allow-list still needs nobody
        assertEquals("open", connect(server, IT_ALLOWED).awaitOutcome());
        assertEquals(List.of(), person.pairing().asked());
    }

    @Test
    void revokingClosesTheOriginsOpenConnections() throws Exception {
        AgentHarness.Person person = new AgentHarness.Person();
        Pairing pairing = pairing(person);
        AgentServer server = start(pairing);
        person.pairing().then(Answer.ALWAYS);
        SocketClient c = connect(server, NEW_SITE);
        assertEquals("open", c.awaitOutcome());
        SocketClient it = connect(server, IT_ALLOWED);
        assertEquals("open", it.awaitOutcome());

        assertTrue(pairing.revoke(NEW_SITE));
        server.disconnect(NEW_SITE);
        assertTrue(String.valueOf(c.awaitOutcome()).startsWith("closing:1008:"));
        assertNull(it.pollOutcome(Duration.ofMillis(300)), "other origins stay connected");
        try (Response r = health(server, NEW_SITE)) {
            assertEquals(403, r.code());
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not reached");
            }
            Thread.sleep(10);
        }
    }
}
