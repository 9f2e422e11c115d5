package vn.kyso.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.pairing.PairedOrigins;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;

/** {@code kyso serve} without a display: the same protocol, nobody asked, nothing signed, earlier approvals honoured. */
class ServeCommandTest {

    private static final String IT_ALLOWED = "https://qlvb.ninhbinh.gov.vn";
    static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(30)).build();

    @TempDir
    Path home;

    /** A page's WebSocket: how the upgrade ended, and the answers. */
    static final class Page extends WebSocketListener {
        final BlockingQueue<Object> outcome = new LinkedBlockingQueue<>();
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocket socket;

        static Page open(int port, String origin) {
            Page page = new Page();
            page.socket = HTTP.newWebSocket(new Request.Builder().url("ws://127.0.0.1:" + port + "/v1/ws")
                    .header("Origin", origin).build(), page);
            return page;
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
            outcome.add(response == null ? String.valueOf(t) : response.code());
        }

        Object outcome() throws InterruptedException {
            Object o = outcome.poll(40, TimeUnit.SECONDS);
            if (o == null) {
                throw new AssertionError("no outcome");
            }
            return o;
        }

        JsonNode call(String json) throws Exception {
            socket.send(json);
            String text = messages.poll(40, TimeUnit.SECONDS);
            if (text == null) {
                throw new AssertionError("no answer to " + json);
            }
            return new ObjectMapper().readTree(text);
        }
    }

    static String config(TestEnvironment env) {
        return "token.libraries=" + env.softHsm().library() + "\ntoken.discover=false\norigins.allowed=" + IT_ALLOWED
                + "\ntsa.url=" + env.services().urls().tsa() + "\n";
    }

    static String anCertificateId() {
        // the certificate id is the SHA-256 of the certificate: the same in every process
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(TestEnvironment.shared().pki().get(TestPki.PERSONAL_AN).certificate().getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void headlessAgentRefusesSigningAndAsksNobody() throws Exception {
        TestEnvironment env = TestEnvironment.shared();
        new PairedOrigins(home.resolve(".config/kyso/paired-origins.json")).add("https://paired-earlier.example");
        try (AgentProcess agent = AgentProcess.start(home, config(env), null)) {
            String out = agent.output();
            assertTrue(out.contains("headless: signing requests are refused"), out);
            assertTrue(out.contains("earlier approvals only"), out);

            Page page = Page.open(agent.port, IT_ALLOWED);
            assertEquals("open", page.outcome());
            JsonNode answer = page.call("{\"id\":1,\"method\":\"sign.hash\",\"params\":{\"certificateId\":\""
                    + anCertificateId() + "\",\"hash\":\"" + "A".repeat(43) + "=\"}}");
            assertEquals("CONSENT_UNAVAILABLE", answer.path("error").path("code").asText(), answer.toString());

            long start = System.nanoTime();
            assertEquals(403, Page.open(agent.port, "https://new-site.example").outcome());
            assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 5, "refused at once, no prompt");
            assertEquals("open", Page.open(agent.port, "https://paired-earlier.example").outcome());
        }
    }
}
