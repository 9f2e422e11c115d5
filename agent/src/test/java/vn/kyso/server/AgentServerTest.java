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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.app.TokenInventoryView;
import vn.kyso.errors.KysoException;
import vn.kyso.testkit.SocketClient;
import vn.kyso.testpki.SoftHsmFixture;

/** The bridge over real sockets (OkHttp) with the real token layer on SoftHSM2 behind it. */
class AgentServerTest {

    private static final String APP = "https://qlvb.ninhbinh.gov.vn";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    private static AgentHarness agent;
    private static AgentServer server;
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws Exception {
        agent = AgentHarness.in(dir).origins(APP, "http://localhost:8080").maxTextFrameBytes(64 * 1024)
                .methods(parts -> Map.of("tokens.list", (caller, params) -> TokenInventoryView.of(parts.tokens())))
                .start();
        server = agent.server();
    }

    @AfterAll
    static void stop() {
        agent.close();
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

    /** Starts the upgrade with these headers (null: left out) without waiting for its outcome. */
    static SocketClient connect(String origin, String authorization, String host) {
        return SocketClient.to(server.port()).origin(origin).header("Authorization", authorization)
                .header("Host", host).connect();
    }

    @Test
    void noPerMessageCompressionIsNegotiatedEvenWhenThePageOffersIt() throws Exception {
        // OkHttp, like every browser, offers permessage-deflate in its upgrade request
        SocketClient c = connect(APP, null, null);
        assertEquals("open", c.awaitOutcome());
        assertNull(c.extensions());
        assertEquals(1, c.callRaw("{\"id\":1,\"method\":\"info\"}").get("result").get("protocol").asInt());
        c.close();
    }

    @Test
    void allowedOriginGetsInfoAndTheTokenList() throws Exception {
        SocketClient c = connect(APP, null, null);
        assertEquals("open", c.awaitOutcome());
        JsonNode info = c.callRaw("{\"id\":1,\"method\":\"info\"}");
        assertEquals(1, info.get("id").asInt());
        assertEquals(1, info.get("result").get("protocol").asInt());
        assertEquals(APP, info.get("result").get("caller").asText());
        JsonNode list = c.callRaw("{\"id\":\"t-2\",\"method\":\"tokens.list\",\"params\":{}}");
        assertEquals("t-2", list.get("id").asText());
        boolean found = false;
        for (JsonNode t : list.get("result").get("tokens")) {
            found |= t.get("label").asText().equals(SoftHsmFixture.PERSONAL_TOKEN.label());
        }
        assertTrue(found, list.toString());
        c.socket().close(1000, "done");
    }

    @Test
    void otherOriginsAndRebindingCannotEvenOpenTheSocket() throws Exception {
        assertEquals(403, connect("https://evil.example", null, null).awaitOutcome());
        assertEquals(403, connect(APP, null, "attacker.example:" + server.port()).awaitOutcome());
    }

    @Test
    void localProgramsNeedTheUsersSecret() throws Exception {
        assertEquals(401, connect(null, null, null).awaitOutcome());
        assertEquals(401, connect(null, "Bearer " + "0".repeat(64), null).awaitOutcome());
        SocketClient c = connect(null, "Bearer " + server.secret().value(), null);
        assertEquals("open", c.awaitOutcome());
        assertEquals("local program", c.callRaw("{\"id\":1,\"method\":\"info\"}").get("result").get("caller").asText());
        c.socket().close(1000, "done");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(server.secret().file())));
    }

    @Test
    void badRequestsGetStableErrorsAndTheSocketStaysUsable() throws Exception {
        SocketClient c = connect(APP, null, null);
        assertEquals("open", c.awaitOutcome());
        JsonNode notJson = c.callRaw("{not json");
        assertEquals("MALFORMED_REQUEST", notJson.get("error").get("code").asText());
        assertTrue(notJson.get("id").isNull());
        JsonNode noMethod = c.callRaw("{\"id\":7}");
        assertEquals(7, noMethod.get("id").asInt());
        assertEquals("MALFORMED_REQUEST", noMethod.get("error").get("code").asText());
        JsonNode unknown = c.callRaw("{\"id\":8,\"method\":\"files.read\",\"params\":{\"path\":\"/etc/passwd\"}}");
        assertEquals("UNKNOWN_METHOD", unknown.get("error").get("code").asText());
        assertTrue(unknown.get("error").get("message_en").asText().contains("files.read"));
        assertEquals("ok", c.callRaw("{\"id\":9,\"method\":\"info\"}").has("result") ? "ok" : "broken");
        c.socket().close(1000, "done");
    }

    @Test
    void oversizeFramesCloseTheConnection() throws Exception {
        SocketClient c = connect(APP, null, null);
        assertEquals("open", c.awaitOutcome());
        c.sendText("{\"id\":1,\"method\":\"info\",\"params\":{\"x\":\"" + "a".repeat(100 * 1024) + "\"}}");
        assertTrue(String.valueOf(c.awaitOutcome()).startsWith("closing:1009:"));
    }

    @Test
    void aTakenPortIsAClearError() {
        KysoException e = assertThrows(KysoException.class, () -> AgentHarness.in(dir).port(server.port())
                .origins(APP).secretFile(dir.resolve("secret2")).maxTextFrameBytes(1024)
                .methods(parts -> Map.of()).start());
        assertEquals("PORT_IN_USE", e.code());
        assertTrue(e.messageVi().contains(String.valueOf(server.port())));
    }
}
