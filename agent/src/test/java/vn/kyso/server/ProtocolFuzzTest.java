package vn.kyso.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.app.Method;
import vn.kyso.consent.ConsentPrompt;
import vn.kyso.testkit.SocketClient;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;

/**
 * Randomised protocol fuzzing over a live socket, bounded in count and time, seeded so a failure can be replayed
 * ({@code -Dkyso.fuzz.seed=N}): mutated valid requests, random JSON, random bytes as text. Every frame must get
 * exactly one well-formed answer (or the connection is closed for size), the agent must never answer with anything
 * but the protocol shapes, and it must still answer a health check afterwards.
 */
class ProtocolFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP = "https://qlvb.ninhbinh.gov.vn";
    private static final String[] SEEDS = {
        "{\"id\":1,\"method\":\"info\"}",
        "{\"id\":\"a\",\"method\":\"info\",\"params\":{}}",
        "{\"id\":2,\"method\":\"echo\",\"params\":{\"text\":\"Văn bản\"}}",
        "{\"id\":3,\"method\":\"sign.pdf\",\"params\":{\"preset\":\"approve\",\"path\":\"/etc/passwd\"}}",
        "{\"id\":4,\"method\":\"sign.pdf.batch\",\"params\":{\"certificateId\":\"ab\",\"batchId\":\"b\","
                + "\"items\":[{\"documentId\":\"x\",\"preset\":\"approve\",\"presetParams\":{\"imageProfile\":\"seal\"}}]}}",
        "{\"id\":5,\"method\":\"sign.cms\",\"params\":{\"certificateId\":\"ab\",\"hash\":\"AAAA\",\"level\":\"B-T\"}}",
        "{\"id\":6,\"method\":\"verify.cms\",\"params\":{\"cms\":\"MAA=\",\"hash\":\"AAAA\",\"hashAlgorithm\":\"SHA-512\"}}",
        "{\"id\":7,\"method\":\"pdf.prepare\",\"params\":{\"documentId\":\"d\",\"certificate\":\"MIIB\",\"level\":\"B-B\"}}",
        "{\"id\":8,\"method\":\"pdf.complete\",\"params\":{\"handle\":\"h\",\"signature\":\"AAAA\"}}",
        "{\"id\":9,\"method\":\"sign.hash\",\"params\":{\"certificateId\":\"ab\",\"hash\":\"AAAA\"}}",
    };

    private static TokenManager tokens;

    @BeforeAll
    static void open() {
        tokens = TokenManager.open(TokenManagerConfig.of(List.of(TestEnvironment.shared().softHsm().library())));
    }

    @AfterAll
    static void close() {
        tokens.close();
    }

    @Test
    void randomFramesNeverBreakTheAgent(@TempDir Path dir) throws Exception {
        long seed = Long.getLong("kyso.fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        int frames = Integer.getInteger("kyso.fuzz.frames", 3000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Integer.getInteger("kyso.fuzz.seconds", 20));
        // every real method (nobody to consent, so nothing is ever signed) and an echo
        try (AgentHarness agent = AgentHarness.in(dir).origins(APP).maxTextFrameBytes(16 * 1024).tokens(tokens)
                .methods(parts -> {
                    Map<String, Method> methods = new HashMap<>(parts.assemble(
                            settings -> settings.profileFolder(dir.resolve("profile")), ConsentPrompt.NOBODY,
                            request -> Optional.empty()).methods());
                    methods.put("echo", (caller, params) -> params);
                    return methods;
                }).start()) {
            SocketClient socket = agent.open(APP);
            int sent = 0;
            int errors = 0;
            for (; sent < frames && System.nanoTime() < deadline; sent++) {
                String frame = mutate(random);
                socket.sendText(frame);
                JsonNode node = socket.pollAnswer(Duration.ofSeconds(5));
                if (node == null) {
                    throw new AssertionError("no answer (seed " + seed + ") to: " + frame);
                }
                String answer = node.toString();
                assertTrue(node.has("id"), "answer without id (seed " + seed + "): " + answer);
                assertTrue(node.has("result") ^ node.has("error"), "answer must be result xor error: " + answer);
                if (node.has("error")) {
                    errors++;
                    JsonNode error = node.get("error");
                    assertTrue(error.get("code").asText().matches("[A-Z_]+"), answer);
                    assertTrue(!error.get("message_vi").asText().isBlank() && !error.get("message_en").asText().isBlank(),
                            answer);
                    assertTrue(!error.get("code").asText().equals("INTERNAL_ERROR"),
                            "an input crashed a handler (seed " + seed + "): " + frame);
                }
            }
            assertNull(socket.pollOutcome(Duration.ZERO), "the agent closed the socket on small frames (seed " + seed
                    + ")");
            assertTrue(sent >= 200, "too few frames in the time budget: " + sent);
            assertTrue(errors > 0 && errors < sent, "the fuzzer must hit both valid and invalid requests");
            socket.socket().close(1000, "done");
            try (Response health = new OkHttpClient().newCall(new Request.Builder()
                    .url("http://127.0.0.1:" + agent.port() + "/v1/health").build()).execute()) {
                assertEquals(200, health.code(), "the agent must stay up after fuzzing");
            }
            System.out.printf("protocol fuzz: %d frames, %d error answers, seed %d%n", sent, errors, seed);
        }
    }

    private static String mutate(Random random) {
        String base = SEEDS[random.nextInt(SEEDS.length)];
        switch (random.nextInt(6)) {
            case 0:
                return base;
            case 1: { // flip characters
                char[] chars = base.toCharArray();
                for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                    chars[random.nextInt(chars.length)] = (char) (32 + random.nextInt(95));
                }
                return new String(chars);
            }
            case 2: // truncate
                return base.substring(0, random.nextInt(base.length()));
            case 3: { // random bytes decoded as UTF-8 (replacement chars included)
                byte[] bytes = new byte[random.nextInt(200)];
                random.nextBytes(bytes);
                return new String(bytes, StandardCharsets.UTF_8);
            }
            case 4: { // deep nesting
                int depth = random.nextInt(2000);
                return "{\"id\":5,\"method\":\"echo\",\"params\":{\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}}";
            }
            default: { // odd ids, types and unicode
                String[] ids = {"null", "1.5", "-1", "\"\"", "\"" + "x".repeat(200) + "\"", "[]", "{}", "true",
                        "9223372036854775808", "\"\\u0000\""};
                String[] methods = {"\"info\"", "\"\"", "1", "null", "\"tokens.list\"", "\"ïnfo\"", "\"echo\"",
                    "\"sign.pdf.batch\"", "\"pdf.complete\"", "\"verify.cms\"", "\"sign.cms\"", "\"pdf.prepare\""};
                return "{\"id\":" + ids[random.nextInt(ids.length)] + ",\"method\":" + methods[random.nextInt(methods.length)]
                        + ",\"params\":" + (random.nextBoolean() ? "{}" : "[1,2]") + "}";
            }
        }
    }
}
