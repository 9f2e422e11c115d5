package vn.kyso.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.app.Method;
import vn.kyso.app.TokenInventoryView;
import vn.kyso.errors.KysoException;
import vn.kyso.testpki.SoftHsmFixture;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;

/** The bridge over real sockets (OkHttp) with the real token layer on SoftHSM2 behind it. */
class AgentServerTest {

    private static final String APP = "https://qlvb.ninhbinh.gov.vn";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    private static AgentServer server;
    private static TokenManager tokens;
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws Exception {
        TestEnvironment env = TestEnvironment.shared();
        tokens = TokenManager.open(TokenManagerConfig.of(List.of(env.softHsm().library())));
        server = AgentServer.start(ServerSettings.builder().port(0)
                .allowedOrigins(List.of(APP, "http://localhost:8080")).secretFile(dir.resolve("secret"))
                .maxTextFrameBytes(64 * 1024).idleTimeout(Duration.ofMinutes(1)).build(),
                Map.of("tokens.list", (caller, params) -> TokenInventoryView.of(tokens)), "test");
    }

    @AfterAll
    static void stop() {
        server.close();
        tokens.close();
    }

    private static String base() {
        return "http://127.0.0.1:" + server.port();
    }

    private static Response get(String path, String origin, String host) throws Exception {
        Request.Builder b = new Request.Builder().url(base() + path);
        if (origin != null) {
            b.header("Origin", origin);
        }
        if (host != null) {
            b.header("Host", host);
        }
        return HTTP.newCall(b.build()).execute();
    }

    @Test
    void healthAnswersAnAllowedOriginWithCors() throws Exception {
        try (Response r = get("/v1/health", APP, null)) {
            assertEquals(200, r.code());
            assertEquals(APP, r.header("Access-Control-Allow-Origin"));
            JsonNode body = JSON.readTree(r.body().string());
            assertEquals("ok", body.get("status").asText());
            assertEquals(1, body.get("protocol").asInt());
        }
    }

    @Test
    void healthRefusesAnyOtherOriginBeforeDoingAnything() throws Exception {
        for (String evil : List.of("https://evil.example", "https://qlvb.ninhbinh.gov.vn.evil.example",
                "http://qlvb.ninhbinh.gov.vn", "null")) {
            try (Response r = get("/v1/health", evil, null)) {
                assertEquals(403, r.code(), evil);
                assertNull(r.header("Access-Control-Allow-Origin"), evil);
                JsonNode error = JSON.readTree(r.body().string()).get("error");
                assertEquals("ORIGIN_NOT_ALLOWED", error.get("code").asText());
                assertTrue(error.get("message_vi").asText().contains("chưa được phép"));
            }
        }
    }

    @Test
    void dnsRebindingIsRefusedByTheHostCheck() throws Exception {
        try (Response r = get("/v1/health", APP, "attacker.example:" + server.port())) {
            assertEquals(403, r.code());
            assertEquals("HOST_NOT_ALLOWED", JSON.readTree(r.body().string()).get("error").get("code").asText());
        }
        try (Response r = get("/v1/health", APP, "localhost:" + server.port())) {
            assertEquals(200, r.code());
        }
    }

    @Test
    void localNetworkAccessPreflightIsAnsweredForAllowedOriginsOnly() throws Exception {
        Request ok = new Request.Builder().url(base() + "/v1/health").method("OPTIONS", null)
                .header("Origin", APP).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Private-Network", "true").build();
        try (Response r = HTTP.newCall(ok).execute()) {
            assertEquals(204, r.code());
            assertEquals("true", r.header("Access-Control-Allow-Private-Network"));
            assertEquals(APP, r.header("Access-Control-Allow-Origin"));
        }
        Request evil = ok.newBuilder().header("Origin", "https://evil.example").build();
        try (Response r = HTTP.newCall(evil).execute()) {
            assertEquals(403, r.code());
            assertNull(r.header("Access-Control-Allow-Private-Network"));
        }
    }

    /** A WebSocket client that records what it receives. */
    static final class Client extends WebSocketListener {
        Client() {
        }

        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<Object> outcome = new LinkedBlockingQueue<>();
        WebSocket socket;

        static Client open(String origin, String authorization, String host) throws Exception {
            Client c = new Client();
            Request.Builder b = new Request.Builder().url("ws://127.0.0.1:" + server.port() + "/v1/ws");
            if (origin != null) {
                b.header("Origin", origin);
            }
            if (authorization != null) {
                b.header("Authorization", authorization);
            }
            if (host != null) {
                b.header("Host", host);
            }
            c.socket = HTTP.newWebSocket(b.build(), c);
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
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            outcome.add(response == null ? t : response.code());
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            outcome.add("closing:" + code);
        }

        Object awaitOutcome() throws InterruptedException {
            Object o = outcome.poll(10, TimeUnit.SECONDS);
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

    @Test
    void allowedOriginGetsInfoAndTheTokenList() throws Exception {
        Client c = Client.open(APP, null, null);
        assertEquals("open", c.awaitOutcome());
        JsonNode info = c.call("{\"id\":1,\"method\":\"info\"}");
        assertEquals(1, info.get("id").asInt());
        assertEquals(1, info.get("result").get("protocol").asInt());
        assertEquals(APP, info.get("result").get("caller").asText());
        JsonNode list = c.call("{\"id\":\"t-2\",\"method\":\"tokens.list\",\"params\":{}}");
        assertEquals("t-2", list.get("id").asText());
        boolean found = false;
        for (JsonNode t : list.get("result").get("tokens")) {
            found |= t.get("label").asText().equals(SoftHsmFixture.PERSONAL_TOKEN.label());
        }
        assertTrue(found, list.toString());
        c.socket.close(1000, "done");
    }

    @Test
    void otherOriginsAndRebindingCannotEvenOpenTheSocket() throws Exception {
        assertEquals(403, Client.open("https://evil.example", null, null).awaitOutcome());
        assertEquals(403, Client.open(APP, null, "attacker.example:" + server.port()).awaitOutcome());
    }

    @Test
    void localProgramsNeedTheUsersSecret() throws Exception {
        assertEquals(401, Client.open(null, null, null).awaitOutcome());
        assertEquals(401, Client.open(null, "Bearer " + "0".repeat(64), null).awaitOutcome());
        Client c = Client.open(null, "Bearer " + server.secret().value(), null);
        assertEquals("open", c.awaitOutcome());
        assertEquals("local program", c.call("{\"id\":1,\"method\":\"info\"}").get("result").get("caller").asText());
        c.socket.close(1000, "done");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(server.secret().file())));
    }

    @Test
    void badRequestsGetStableErrorsAndTheSocketStaysUsable() throws Exception {
        Client c = Client.open(APP, null, null);
        assertEquals("open", c.awaitOutcome());
        JsonNode notJson = c.call("{not json");
        assertEquals("MALFORMED_REQUEST", notJson.get("error").get("code").asText());
        assertTrue(notJson.get("id").isNull());
        JsonNode noMethod = c.call("{\"id\":7}");
        assertEquals(7, noMethod.get("id").asInt());
        assertEquals("MALFORMED_REQUEST", noMethod.get("error").get("code").asText());
        JsonNode unknown = c.call("{\"id\":8,\"method\":\"files.read\",\"params\":{\"path\":\"/etc/passwd\"}}");
        assertEquals("UNKNOWN_METHOD", unknown.get("error").get("code").asText());
        assertTrue(unknown.get("error").get("message_en").asText().contains("files.read"));
        assertEquals("ok", c.call("{\"id\":9,\"method\":\"info\"}").has("result") ? "ok" : "broken");
        c.socket.close(1000, "done");
    }

    @Test
    void oversizeFramesCloseTheConnection() throws Exception {
        Client c = Client.open(APP, null, null);
        assertEquals("open", c.awaitOutcome());
        c.socket.send("{\"id\":1,\"method\":\"info\",\"params\":{\"x\":\"" + "a".repeat(100 * 1024) + "\"}}");
        assertEquals("closing:1009", c.awaitOutcome());
    }

    @Test
    void aTakenPortIsAClearError() {
        KysoException e = assertThrows(KysoException.class, () -> AgentServer.start(
                ServerSettings.builder().port(server.port()).allowedOrigins(List.of(APP))
                        .secretFile(dir.resolve("secret2")).maxTextFrameBytes(1024).idleTimeout(Duration.ofMinutes(1))
                        .build(),
                Map.of(), "test"));
        assertEquals("PORT_IN_USE", e.code());
        assertTrue(e.messageVi().contains(String.valueOf(server.port())));
    }
}
