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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.consent.ConsentPrompt;
import vn.kyso.testkit.SocketClient;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;

/**
 * The agent's limits over a real socket: connections per origin and in all, signing requests waiting per origin,
 * and the request timeout — each refusal with its stable code, and the agent usable afterwards.
 */
class LimitsTest {

    private static final String A = "https://qlvb.ninhbinh.gov.vn";
    private static final String B = "https://egov.ninhbinh.gov.vn";
    private static final String C = "https://motcua.ninhbinh.gov.vn";
    @TempDir
    static Path dir;
    private static TokenManager tokens;
    private static String anId;
    private static final AtomicInteger ASKED = new AtomicInteger();
    private static final AtomicBoolean INTERRUPTED = new AtomicBoolean();
    private static volatile CountDownLatch decide = new CountDownLatch(0);

    /** The person takes their time: the dialog stays open until the test decides (or the request is cancelled). */
    private static final ConsentPrompt SLOW_PERSON = request -> {
        ASKED.incrementAndGet();
        try {
            decide.await();
            return ConsentPrompt.Decision.APPROVE;
        } catch (InterruptedException e) {
            INTERRUPTED.set(true);
            return ConsentPrompt.Decision.REFUSE;
        }
    };

    @BeforeAll
    static void open() {
        tokens = TokenManager.open(TokenManagerConfig.of(List.of(TestEnvironment.shared().softHsm().library())));
        anId = tokens.certificates().stream().filter(c -> c.label().equals(TestPki.PERSONAL_AN)).findFirst()
                .orElseThrow().id();
    }

    @AfterAll
    static void close() {
        tokens.close();
    }

    private static AgentHarness start(ServerSettings.Limits limits, String name) throws Exception {
        return AgentHarness.in(dir).origins(A, B, C).secretFile(dir.resolve(name + "-secret"))
                .auditFile(dir.resolve(name + "-audit.jsonl")).limits(limits).tokens(tokens)
                .methods(parts -> parts.assemble(settings -> { }, SLOW_PERSON, parts.person()).methods())
                .start();
    }

    private static String signHash(String text) throws Exception {
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
        return "{\"certificateId\":\"" + anId + "\",\"hash\":\"" + hash + "\"}";
    }

    /** A connection refused for the limit: the error arrives as a frame, then the socket closes with 1013. */
    private static void assertRefused(int port, String origin, String code) throws Exception {
        SocketClient c = SocketClient.connect(port, origin);
        assertEquals("open", c.pollOutcome(Duration.ofSeconds(10)));
        JsonNode error = c.pollAnswer(Duration.ofSeconds(10));
        assertTrue(error != null && error.get("id").isNull(), String.valueOf(error));
        assertEquals(code, error.get("error").get("code").asText());
        assertTrue(!error.get("error").get("message_vi").asText().isBlank());
        assertEquals("closing:1013:" + code, c.pollOutcome(Duration.ofSeconds(10)));
        c.close();
    }

    @Test
    void connectionsAreLimitedPerOriginAndInAll() throws Exception {
        try (AgentHarness server = start(new ServerSettings.Limits(4, 2, 4, Duration.ofMinutes(1)), "conn")) {
            List<SocketClient> open = new ArrayList<>();
            open.add(SocketClient.open(server.port(), A));
            open.add(SocketClient.open(server.port(), A));
            assertRefused(server.port(), A, "TOO_MANY_CONNECTIONS");
            open.add(SocketClient.open(server.port(), B));
            open.add(SocketClient.open(server.port(), B));
            assertRefused(server.port(), C, "TOO_MANY_CONNECTIONS"); // 4 in all
            for (SocketClient c : open) {
                assertTrue(c.result("info", "{}").has("version"), "the admitted ones are served");
            }
            open.remove(0).close();
            SocketClient again = null;
            for (int i = 0; i < 50 && again == null; i++) { // the close reaches the agent asynchronously
                SocketClient c = SocketClient.connect(server.port(), A);
                c.pollOutcome(Duration.ofSeconds(10));
                JsonNode first = c.pollAnswer(Duration.ofMillis(300));
                if (first == null) {
                    again = c;
                } else {
                    c.close();
                    Thread.sleep(100);
                }
            }
            assertTrue(again != null, "a closed connection frees its place");
            assertEquals(A, again.result("info", "{}").get("caller").asText());
            again.close();
            open.forEach(SocketClient::close);
        }
    }

    @Test
    void pendingSigningRequestsAreLimitedPerOrigin() throws Exception {
        try (AgentHarness server = start(new ServerSettings.Limits(32, 8, 2, Duration.ofMinutes(1)), "pending")) {
            decide = new CountDownLatch(1);
            ASKED.set(0);
            try (SocketClient a1 = SocketClient.open(server.port(), A);
                 SocketClient a2 = SocketClient.open(server.port(), A);
                 SocketClient b = SocketClient.open(server.port(), B)) {
                String first = a1.send("sign.hash", signHash("1"));
                String second = a2.send("sign.hash", signHash("2"));
                for (int i = 0; i < 100 && ASKED.get() < 2; i++) {
                    Thread.sleep(50);
                }
                assertEquals(2, ASKED.get(), "two dialogs open");
                JsonNode third = a1.call("sign.hash", signHash("3"));
                assertEquals("TOO_MANY_PENDING_PROMPTS", third.get("error").get("code").asText(), third.toString());
                assertTrue(third.get("error").get("message_vi").asText().contains(A));
                assertEquals(2, ASKED.get(), "the refused request never reached the person");
                assertTrue(a1.result("info", "{}").has("version"), "other methods are not held up");
                String otherOrigin = b.send("sign.hash", signHash("b")); // another origin has its own count
                for (int i = 0; i < 100 && ASKED.get() < 3; i++) {
                    Thread.sleep(50);
                }
                assertEquals(3, ASKED.get());
                decide.countDown();
                assertTrue(a1.answer(first, 30).has("result"));
                assertTrue(a2.answer(second, 30).has("result"));
                assertTrue(b.answer(otherOrigin, 30).has("result"));
                assertTrue(a1.call("sign.hash", signHash("4")).has("result"), "finished requests free their place");
            }
        }
    }

    @Test
    void aRequestThatTakesTooLongIsAnsweredAndCancelled() throws Exception {
        try (AgentHarness server = start(new ServerSettings.Limits(32, 8, 1, Duration.ofSeconds(2)), "timeout")) {
            decide = new CountDownLatch(1);
            INTERRUPTED.set(false);
            try (SocketClient c = SocketClient.open(server.port(), A)) {
                long t0 = System.nanoTime();
                JsonNode answer = c.call("sign.hash", signHash("slow"));
                double seconds = (System.nanoTime() - t0) / 1e9;
                assertEquals("REQUEST_TIMEOUT", answer.get("error").get("code").asText(), answer.toString());
                assertTrue(answer.get("error").get("message_en").asText().contains("sign.hash"));
                assertTrue(seconds >= 1.9 && seconds < 10, "answered after the timeout: " + seconds);
                for (int i = 0; i < 100 && !INTERRUPTED.get(); i++) {
                    Thread.sleep(20);
                }
                assertTrue(INTERRUPTED.get(), "the waiting dialog was cancelled");
                decide.countDown();
                // the place is given back once the cancelled work has actually stopped (a moment after the answer)
                JsonNode next = c.call("sign.hash", signHash("fast"));
                for (int i = 0; i < 50 && next.has("error")
                        && next.get("error").get("code").asText().equals("TOO_MANY_PENDING_PROMPTS"); i++) {
                    Thread.sleep(50);
                    next = c.call("sign.hash", signHash("fast"));
                }
                assertTrue(next.has("result"), "the pending place was given back and the worker is usable: " + next);
                assertTrue(c.pollAnswer(Duration.ofMillis(500)) == null, "exactly one answer per request");
            }
        }
    }
}
