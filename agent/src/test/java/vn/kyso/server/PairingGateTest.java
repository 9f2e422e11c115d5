package vn.kyso.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.pairing.PairedOrigins;
import vn.kyso.pairing.Pairing;
import vn.kyso.pairing.PairingPrompt;
import vn.kyso.pairing.PairingPrompt.Answer;

/** Pairing through the real gate: OkHttp against a running agent, with a scripted person answering the prompt. */
class PairingGateTest {

    private static final String IT_ALLOWED = "https://qlvb.ninhbinh.gov.vn";
    private static final String NEW_SITE = "https://dichvucong.ninhbinh.gov.vn";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(15)).build();

    @TempDir
    Path dir;
    private final List<AgentServer> servers = new ArrayList<>();

    /** Answers from a script, records who was asked. */
    static final class Person implements PairingPrompt {
        final List<String> asked = Collections.synchronizedList(new ArrayList<>());
        final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();

        @Override
        public Answer ask(String origin) {
            asked.add(origin);
            try {
                Answer answer = answers.poll(15, TimeUnit.SECONDS);
                return answer == null ? Answer.NO_ANSWER : answer;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Answer.NO_ANSWER;
            }
        }
    }

    private AgentServer start(Pairing pairing) throws Exception {
        AgentServer server = AgentServer.start(ServerSettings.builder().port(0).allowedOrigins(List.of(IT_ALLOWED))
                .secretFile(dir.resolve("secret")).maxTextFrameBytes(64 * 1024).idleTimeout(Duration.ofMinutes(1))
                .build(), new OriginPolicy(List.of(IT_ALLOWED), pairing), Map.of(), "test");
        servers.add(server);
        return server;
    }

    private Pairing pairing(Person person) {
        return new Pairing(new PairedOrigins(dir.resolve("paired-origins.json")), person);
    }

    @AfterEach
    void stop() {
        servers.forEach(AgentServer::close);
    }

    /** A WebSocket client that records how the upgrade ended and what arrived. */
    static final class Client extends WebSocketListener {
        final BlockingQueue<Object> outcome = new LinkedBlockingQueue<>();
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        volatile String refusal;
        WebSocket socket;

        static Client open(AgentServer server, String origin) {
            Client c = new Client();
            c.socket = HTTP.newWebSocket(new Request.Builder().url("ws://127.0.0.1:" + server.port() + "/v1/ws")
                    .header("Origin", origin).build(), c);
            return c;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            outcome.add("open");
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            messages.add(text);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            outcome.add("closing:" + code);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            if (response != null) {
                try {
                    refusal = response.body() == null ? null : response.body().string();
                } catch (java.io.IOException e) {
                    refusal = null;
                }
            }
            outcome.add(response == null ? String.valueOf(t) : response.code());
        }

        Object awaitOutcome() throws InterruptedException {
            Object o = outcome.poll(15, TimeUnit.SECONDS);
            if (o == null) {
                throw new AssertionError("no outcome");
            }
            return o;
        }

        JsonNode call(String json) throws Exception {
            socket.send(json);
            String text = messages.poll(10, TimeUnit.SECONDS);
            if (text == null) {
                throw new AssertionError("no answer to " + json);
            }
            return JSON.readTree(text);
        }
    }

    private static Response health(AgentServer server, String origin) throws Exception {
        return HTTP.newCall(new Request.Builder().url("http://127.0.0.1:" + server.port() + "/v1/health")
                .header("Origin", origin).build()).execute();
    }

    @Test
    void approvedAlwaysConnectsAndSurvivesARestart() throws Exception {
        Person person = new Person();
        AgentServer server = start(pairing(person));
        try (Response r = health(server, NEW_SITE)) {
            assertEquals(403, r.code(), "health never asks");
        }
        assertEquals(List.of(), person.asked);

        person.answers.add(Answer.ALWAYS);
        Client c = Client.open(server, NEW_SITE);
        assertEquals("open", c.awaitOutcome());
        assertEquals(List.of(NEW_SITE), person.asked);
        assertEquals(NEW_SITE, c.call("{\"id\":1,\"method\":\"info\"}").get("result").get("caller").asText());
        try (Response r = health(server, NEW_SITE)) {
            assertEquals(200, r.code());
            assertEquals(NEW_SITE, r.header("Access-Control-Allow-Origin"));
        }
        c.socket.close(1000, "bye");
        server.close();
        servers.clear();

        Person nobody = new Person();
        AgentServer restarted = start(pairing(nobody));
        Client again = Client.open(restarted, NEW_SITE);
        assertEquals("open", again.awaitOutcome());
        assertEquals(List.of(), nobody.asked, "remembered: no second prompt after the restart");
    }

    @Test
    void deniedIsRefusedWithOriginNotAllowedAndNotAskedAgain() throws Exception {
        Person person = new Person();
        AgentServer server = start(pairing(person));
        person.answers.add(Answer.DENY);
        Client c = Client.open(server, NEW_SITE);
        assertEquals(403, c.awaitOutcome());
        assertEquals("ORIGIN_NOT_ALLOWED", JSON.readTree(c.refusal).get("error").get("code").asText());

        Client again = Client.open(server, NEW_SITE);
        assertEquals(403, again.awaitOutcome());
        assertEquals(1, person.asked.size());
    }

    @Test
    void aPageSpammingUpgradesGetsOnePromptAndTheOthersAreRefusedAtOnce() throws Exception {
        Person person = new Person();
        AgentServer server = start(pairing(person));
        Client first = Client.open(server, NEW_SITE);
        waitUntil(() -> person.asked.size() == 1);
        List<Client> spam = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            spam.add(Client.open(server, NEW_SITE));
        }
        for (Client c : spam) {
            assertEquals(403, c.awaitOutcome());
        }
        person.answers.add(Answer.ONCE);
        assertEquals("open", first.awaitOutcome());
        assertEquals(1, person.asked.size());
    }

    @Test
    void plainHttpSitesLookAlikesAndLocalProgramsAreNeverOfferedToThePerson() throws Exception {
        Person person = new Person();
        AgentServer server = start(pairing(person));
        for (String origin : List.of("http://dichvucong.ninhbinh.gov.vn", "null", "http://10.1.2.3:8080")) {
            Client c = Client.open(server, origin);
            assertEquals(403, c.awaitOutcome(), origin);
        }
        assertEquals(List.of(), person.asked);
        // the IT allow-list still needs nobody
        assertEquals("open", Client.open(server, IT_ALLOWED).awaitOutcome());
        assertEquals(List.of(), person.asked);
    }

    @Test
    void revokingClosesTheOriginsOpenConnections() throws Exception {
        Person person = new Person();
        Pairing pairing = pairing(person);
        AgentServer server = start(pairing);
        person.answers.add(Answer.ALWAYS);
        Client c = Client.open(server, NEW_SITE);
        assertEquals("open", c.awaitOutcome());
        Client it = Client.open(server, IT_ALLOWED);
        assertEquals("open", it.awaitOutcome());

        assertTrue(pairing.revoke(NEW_SITE));
        server.disconnect(NEW_SITE);
        assertEquals("closing:1008", c.awaitOutcome());
        assertNull(it.outcome.poll(300, TimeUnit.MILLISECONDS), "other origins stay connected");
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
