package vn.kyso.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.app.Method;
import vn.kyso.testkit.SocketClient;

/**
 * The server listening before the application's methods are built, as {@code kyso serve} starts: health answers at
 * once, a page's request waits for the table and is answered from it, within its time-out, and a failed start
 * answers INTERNAL_ERROR instead of hanging.
 */
class MethodTableTest {

    private static final String APP = "https://qlvb.ninhbinh.gov.vn";
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build();

    @TempDir
    Path dir;

    private AgentServer start(CompletableFuture<Map<String, Method>> methods, Duration requestTimeout)
            throws IOException {
        ServerSettings.Limits defaults = ServerSettings.Limits.defaults();
        ServerSettings settings = ServerSettings.builder().port(0).allowedOrigins(List.of(APP))
                .secretFile(dir.resolve("secret"))
                .limits(new ServerSettings.Limits(defaults.maxConnections(), defaults.maxConnectionsPerOrigin(),
                        defaults.maxPendingPerOrigin(), requestTimeout))
                .build();
        return AgentServer.start(settings, new OriginPolicy(List.of(APP)), MethodTable.building(methods), "9.8.7",
                RefusalRecorder.NONE);
    }

    @Test
    void healthAnswersWhileTheMethodsAreBuiltAndRequestsWaitForThem() throws Exception {
        CompletableFuture<Map<String, Method>> building = new CompletableFuture<>();
        try (AgentServer server = start(building, Duration.ofSeconds(60))) {
            Request health = new Request.Builder().url("http://127.0.0.1:" + server.port() + "/v1/health")
                    .header("Origin", APP).build();
            try (Response r = HTTP.newCall(health).execute()) {
                assertEquals(200, r.code());
                assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
                JsonNode body = new ObjectMapper().readTree(r.body().string());
                assertEquals("ok", body.get("status").asText());
                assertEquals("9.8.7", body.get("version").asText());
                assertEquals(ProtocolCodec.VERSION, body.get("protocol").asInt());
            }

            SocketClient page = SocketClient.open(server.port(), APP);
            String early = page.send("app.echo", "{\"word\":\"xin chào\"}");
            assertNull(page.pollAnswer(Duration.ofMillis(500)), "no answer before the methods exist");
            building.complete(Map.of("app.echo", (session, params) -> Map.of("said", params.path("word").asText())));
            assertEquals("xin chào", page.answer(early, 20).path("result").path("said").asText());
            // the bridge's own methods sit beside the application's, which the table lists
            JsonNode info = page.result("info", "{}");
            assertTrue(info.path("methods").toString().contains("app.echo"), info.toString());
            assertTrue(info.path("methods").toString().contains("document.upload"), info.toString());
            assertEquals("UNKNOWN_METHOD", page.errorCode("app.missing", "{}"));
        }
    }

    @Test
    void aRequestWaitingForTheMethodsEndsAtItsTimeOut() throws Exception {
        try (AgentServer server = start(new CompletableFuture<>(), Duration.ofSeconds(1))) {
            SocketClient page = SocketClient.open(server.port(), APP);
            assertEquals("REQUEST_TIMEOUT", page.errorCode("app.echo", "{}"));
        }
    }

    @Test
    void aFailedStartAnswersInternalErrorInsteadOfHanging() throws Exception {
        CompletableFuture<Map<String, Method>> building = new CompletableFuture<>();
        try (AgentServer server = start(building, Duration.ofSeconds(60))) {
            SocketClient page = SocketClient.open(server.port(), APP);
            String waiting = page.send("app.echo", "{}");
            building.completeExceptionally(new IOException("trust folder unreadable"));
            assertEquals("INTERNAL_ERROR", page.answer(waiting, 20).path("error").path("code").asText());
            assertEquals("INTERNAL_ERROR", page.errorCode("app.echo", "{}"));
        }
    }

    @Test
    void healthBodyEscapesTheVersion() {
        assertEquals("{\"status\":\"ok\",\"version\":\"1.0 \\\"beta\\\" \\\\ \\u0007\",\"protocol\":"
                + ProtocolCodec.VERSION + "}", AgentServer.healthBody("1.0 \"beta\" \\ \u0007"));
    }

    @Test
    void jettyIsToldTheReferenceWidthUnlessSomeoneElseSaidIt() {
        String before = System.getProperty(AgentServer.JETTY_REFERENCES_PER_CACHE_LINE);
        try {
            System.setProperty(AgentServer.JETTY_REFERENCES_PER_CACHE_LINE, "8");
            AgentServer.preferJettyDefaultsWithoutManagement();
            assertEquals("8", System.getProperty(AgentServer.JETTY_REFERENCES_PER_CACHE_LINE));
            System.clearProperty(AgentServer.JETTY_REFERENCES_PER_CACHE_LINE);
            AgentServer.preferJettyDefaultsWithoutManagement();
            assertEquals("16", System.getProperty(AgentServer.JETTY_REFERENCES_PER_CACHE_LINE));
        } finally {
            if (before == null) {
                System.clearProperty(AgentServer.JETTY_REFERENCES_PER_CACHE_LINE);
            } else {
                System.setProperty(AgentServer.JETTY_REFERENCES_PER_CACHE_LINE, before);
            }
        }
    }
}
