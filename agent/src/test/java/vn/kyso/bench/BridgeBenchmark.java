package vn.kyso.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import vn.kyso.app.AgentAssembly;
import vn.kyso.consent.ConsentPrompt;
import vn.kyso.pki.TrustStore;
import vn.kyso.server.AgentServer;
import vn.kyso.server.ServerSettings;
import vn.kyso.testpki.SoftHsmFixture;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.SignatureAlgorithm;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;

/**
 * sign.hash round trip over the WebSocket (codec, gate, use case, consent approving at once, audit append, token)
 * against the token layer's own sign in the same JVM, interleaved rounds; prints medians and the difference.
 * Run: {@code scripts/bench.sh bridge}.
 */
@Tag("benchmark")
class BridgeBenchmark {

    @Test
    void signHashRoundTripAgainstTheTokenLayer() throws Exception {
        TestEnvironment env = TestEnvironment.shared();
        Path dir = Files.createTempDirectory("kyso-bench");
        String origin = "https://qlvb.ninhbinh.gov.vn";
        try (TokenManager tokens = TokenManager.open(TokenManagerConfig.of(List.of(env.softHsm().library())));
             AgentServer server = AgentServer.start(ServerSettings.builder().port(0).allowedOrigins(List.of(origin))
                     .secretFile(dir.resolve("secret")).idleTimeout(Duration.ofMinutes(5)).build(),
                     AgentAssembly.forProtocol(tokens, AgentAssembly.builder().trust(TrustStore.empty())
                             .auditFile(dir.resolve("audit.jsonl")).build(),
                             request -> ConsentPrompt.Decision.APPROVE,
                             request -> Optional.of(SoftHsmFixture.USER_PIN.toCharArray())).methods(),
                     "bench")) {
            String certId = tokens.certificates().stream().filter(c -> c.label().equals(TestPki.PERSONAL_AN))
                    .findFirst().orElseThrow().id();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest("bench".getBytes());
            String frame = "{\"id\":1,\"method\":\"sign.hash\",\"params\":{\"certificateId\":\"" + certId
                    + "\",\"hash\":\"" + Base64.getEncoder().encodeToString(digest) + "\"}}";
            BlockingQueue<String> answers = new LinkedBlockingQueue<>();
            WebSocket socket = new OkHttpClient().newWebSocket(new Request.Builder()
                    .url("ws://127.0.0.1:" + server.port() + "/v1/ws").header("Origin", origin).build(),
                    new WebSocketListener() {
                        @Override
                        public void onMessage(WebSocket webSocket, String text) {
                            answers.add(text);
                        }
                    });
            int warmup = 300;
            int rounds = 7;
            int perRound = 200;
            for (int i = 0; i < warmup; i++) {
                roundTrip(socket, answers, frame);
                tokens.sign(certId, digest, SignatureAlgorithm.RSA_PKCS1_SHA256, r -> Optional.empty());
            }
            long[] bridge = new long[rounds * perRound];
            long[] layer = new long[rounds * perRound];
            int k = 0;
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < perRound; i++, k++) {
                    long t0 = System.nanoTime();
                    tokens.sign(certId, digest, SignatureAlgorithm.RSA_PKCS1_SHA256, r -> Optional.empty());
                    layer[k] = System.nanoTime() - t0;
                    long t1 = System.nanoTime();
                    roundTrip(socket, answers, frame);
                    bridge[k] = System.nanoTime() - t1;
                }
            }
            socket.close(1000, "");
            double layerMedian = median(layer) / 1000.0;
            double bridgeMedian = median(bridge) / 1000.0;
            System.out.printf("%n== Bridge benchmark (sign.hash over WebSocket vs TokenManager.sign, %d samples) ==%n",
                    k);
            System.out.printf("token layer sign (baseline):   median %8.1f µs%n", layerMedian);
            System.out.printf("sign.hash round trip:          median %8.1f µs%n", bridgeMedian);
            System.out.printf("bridge adds:                   %8.1f µs at the median (target < 2000 µs), ratio %.2f%n",
                    bridgeMedian - layerMedian, bridgeMedian / layerMedian);
            Stats.target("sign.hash: latency the bridge adds (median)", bridgeMedian - layerMedian, "µs", 2000,
                    layerMedian);
        }
    }

    private static void roundTrip(WebSocket socket, BlockingQueue<String> answers, String frame) throws Exception {
        socket.send(frame);
        String answer = answers.poll(10, TimeUnit.SECONDS);
        if (answer == null || !answer.contains("\"result\"")) {
            throw new AssertionError("bad answer: " + answer);
        }
    }

    private static double median(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }
}
