package vn.kyso.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.app.AgentAssembly;
import vn.kyso.app.DocumentStore;
import vn.kyso.consent.ConsentPrompt;
import vn.kyso.pki.TrustStore;
import vn.kyso.testpki.SoftHsmFixture;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;
import vn.kyso.verify.Indication;
import vn.kyso.verify.PdfSignatureVerifier;

/** Documents over the socket: chunked upload with progress, verify.pdf, sign.pdf, chunked download. */
class DocumentTransferTest {

    private static final String APP = "https://qlvb.ninhbinh.gov.vn";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    private static AgentServer server;
    private static TokenManager tokens;
    private static TrustStore trust;

    @BeforeAll
    static void start() throws Exception {
        TestEnvironment env = TestEnvironment.shared();
        tokens = TokenManager.open(TokenManagerConfig.of(List.of(env.softHsm().library())));
        trust = TrustStore.empty();
        trust.add(env.pki().root());
        AgentAssembly parts = AgentAssembly.forProtocol(tokens, AgentAssembly.builder().trust(trust)
                .tsaUrl(URI.create(env.services().urls().tsa())).extraCas(List.of(env.pki().intermediate()))
                .auditFile(dir.resolve("audit.jsonl")).build(), request -> ConsentPrompt.Decision.APPROVE,
                request -> Optional.of(SoftHsmFixture.USER_PIN.toCharArray()));
        server = AgentServer.start(ServerSettings.builder().port(0).allowedOrigins(List.of(APP))
                .secretFile(dir.resolve("secret")).idleTimeout(Duration.ofMinutes(1))
                .maxDocumentBytes(32L * 1024 * 1024).build(), parts.methods(), "test");
    }

    @AfterAll
    static void stop() {
        server.close();
        tokens.close();
    }

    /** A client that keeps text messages (answers, events) and binary frames apart. */
    static final class Client extends WebSocketListener {
        final BlockingQueue<JsonNode> answers = new LinkedBlockingQueue<>();
        final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
        final java.util.List<Long> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        final WebSocket socket;

        Client() {
            socket = new OkHttpClient().newWebSocket(new Request.Builder()
                    .url("ws://127.0.0.1:" + server.port() + "/v1/ws").header("Origin", APP).build(), this);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            try {
                JsonNode node = JSON.readTree(text);
                if (node.has("event") && node.get("event").asText().equals("document.progress")) {
                    progress.add(node.get("data").get("received").asLong());
                }
                (node.has("event") ? events : answers).add(node);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            frames.add(bytes.toByteArray());
        }

        JsonNode call(String method, String params) throws InterruptedException {
            socket.send("{\"id\":\"" + UUID.randomUUID() + "\",\"method\":\"" + method + "\",\"params\":" + params + "}");
            JsonNode answer = answers.poll(60, TimeUnit.SECONDS);
            if (answer == null) {
                throw new AssertionError("no answer to " + method);
            }
            return answer;
        }

        JsonNode event(String name) throws InterruptedException {
            while (true) {
                JsonNode e = events.poll(30, TimeUnit.SECONDS);
                if (e == null) {
                    throw new AssertionError("no " + name + " event");
                }
                if (e.get("event").asText().equals(name)) {
                    return e.get("data");
                }
            }
        }

        String upload(String name, byte[] content) throws InterruptedException {
            JsonNode answer = call("document.upload", "{\"name\":\"" + name + "\",\"size\":" + content.length + "}");
            String id = answer.get("result").get("documentId").asText();
            UUID uuid = UUID.fromString(id);
            for (int start = 0; start < content.length; start += 256 * 1024) {
                int size = Math.min(256 * 1024, content.length - start);
                ByteBuffer frame = ByteBuffer.allocate(16 + size);
                frame.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
                frame.put(content, start, size);
                // like a browser watching bufferedAmount: OkHttp closes the socket past 16 MiB queued
                while (socket.queueSize() > 4L * 1024 * 1024) {
                    Thread.sleep(2);
                }
                socket.send(ByteString.of(frame.array()));
            }
            return id;
        }

        byte[] download(String id) throws Exception {
            JsonNode answer = call("document.download", "{\"documentId\":\"" + id + "\"}");
            long size = answer.get("result").get("size").asLong();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (out.size() < size) {
                byte[] frame = frames.poll(30, TimeUnit.SECONDS);
                ByteBuffer header = ByteBuffer.wrap(frame, 0, 16);
                assertEquals(id, new UUID(header.getLong(), header.getLong()).toString());
                out.write(frame, 16, frame.length - 16);
            }
            return out.toByteArray();
        }
    }

    private static byte[] onePagePdf() throws Exception {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void uploadVerifySignDownload() throws Exception {
        Client c = new Client();
        byte[] pdf = onePagePdf();
        String id = c.upload("Tờ trình.pdf", pdf);
        JsonNode received = c.event("document.received");
        assertEquals(id, received.get("documentId").asText());
        assertEquals(DocumentStore.sha256(pdf), received.get("sha256").asText());

        JsonNode unsigned = c.call("verify.pdf", "{\"documentId\":\"" + id + "\"}").get("result");
        assertEquals("NO_SIGNATURE", unsigned.get("error").asText(), unsigned.toString());

        String certificateId = tokens.certificates().stream().filter(x -> x.label().equals(TestPki.PERSONAL_AN))
                .findFirst().orElseThrow().id();
        JsonNode signed = c.call("sign.pdf", "{\"documentId\":\"" + id + "\",\"certificateId\":\"" + certificateId
                + "\",\"preset\":\"invisible\"}");
        assertTrue(signed.has("result"), signed.toString());
        assertEquals("B-LT", signed.get("result").get("level").asText());
        byte[] output = c.download(signed.get("result").get("documentId").asText());
        assertEquals(signed.get("result").get("sha256").asText(), DocumentStore.sha256(output));
        assertEquals(Indication.TOTAL_PASSED, PdfSignatureVerifier.builder(trust).build().verify(output).indication());
        assertArrayEquals(pdf, java.util.Arrays.copyOf(output, pdf.length), "incremental: the upload is a prefix");
        c.socket.close(1000, "");
    }

    @Test
    void twentyMegabytesArriveWithProgress() throws Exception {
        Client c = new Client();
        byte[] big = new byte[20 * 1024 * 1024];
        new Random(7).nextBytes(big);
        long t0 = System.nanoTime();
        String id = c.upload("big.bin", big);
        JsonNode received = c.event("document.received");
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(DocumentStore.sha256(big), received.get("sha256").asText());
        assertTrue(c.progress.size() >= 20, "a progress event per MiB: " + c.progress);
        assertEquals(big.length, c.progress.get(c.progress.size() - 1));
        for (int i = 1; i < c.progress.size(); i++) {
            assertTrue(c.progress.get(i) > c.progress.get(i - 1), "progress only grows");
        }
        System.out.printf("20 MB upload over the socket: %.2f s (%.1f MB/s)%n", seconds, 20 / seconds);
        c.call("document.remove", "{\"documentId\":\"" + id + "\"}");
        assertEquals("DOCUMENT_NOT_FOUND", c.call("verify.pdf", "{\"documentId\":\"" + id + "\"}")
                .get("error").get("code").asText());
        c.socket.close(1000, "");
    }

    @Test
    void limitsAndMistakesGetStableCodes() throws Exception {
        Client c = new Client();
        assertEquals("DOCUMENT_TOO_LARGE", c.call("document.upload", "{\"name\":\"x\",\"size\":" + (64L << 20) + "}")
                .get("error").get("code").asText());
        assertEquals("DOCUMENT_NOT_FOUND", c.call("sign.pdf", "{\"documentId\":\"nope\",\"certificateId\":\"x\"}")
                .get("error").get("code").asText());
        JsonNode begin = c.call("document.upload", "{\"name\":\"x\",\"size\":10}");
        UUID uuid = UUID.fromString(begin.get("result").get("documentId").asText());
        ByteBuffer frame = ByteBuffer.allocate(16 + 20);
        frame.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        c.socket.send(ByteString.of(frame.array()));
        assertEquals("DOCUMENT_SIZE_MISMATCH", c.event("document.error").get("code").asText());
        String pdf = c.upload("a.pdf", onePagePdf());
        c.event("document.received");
        assertEquals("INVALID_PARAMS", c.call("sign.pdf", "{\"documentId\":\"" + pdf + "\",\"certificateId\":\"x\","
                + "\"preset\":\"poster\"}").get("error").get("code").asText());
        c.socket.close(1000, "");
    }
}
