package vn.kyso.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.app.DocumentStore;
import vn.kyso.pki.TrustStore;
import vn.kyso.testkit.SocketClient;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.TokenManager;
import vn.kyso.verify.Indication;
import vn.kyso.verify.PdfSignatureVerifier;

/** Documents over the socket: chunked upload with progress, verify.pdf, sign.pdf, chunked download. */
class DocumentTransferTest {

    private static final String APP = "https://qlvb.ninhbinh.gov.vn";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    private static AgentHarness agent;
    private static TokenManager tokens;
    private static TrustStore trust;

    @BeforeAll
    static void start() throws Exception {
        trust = TrustStore.empty();
        trust.add(TestEnvironment.shared().pki().root());
        agent = AgentHarness.in(dir).origins(APP).documents(32L * 1024 * 1024, 10)
                .methods(AgentHarness.withDocuments(null)).start();
        tokens = agent.tokens();
    }

    @AfterAll
    static void stop() {
        agent.close();
    }

    /** The document.progress counts this client has seen. */
    private static List<Long> progress(SocketClient c) {
        return c.seenEvents().stream().filter(e -> e.get("event").asText().equals("document.progress"))
                .map(e -> e.get("data").get("received").asLong()).toList();
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
        SocketClient c = agent.open(APP);
        byte[] pdf = onePagePdf();
        String id = c.sendDocument("Tờ trình.pdf", pdf);
        JsonNode received = c.event("document.received", 30);
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
        c.socket().close(1000, "");
    }

    @Test
    void twentyMegabytesArriveWithProgress() throws Exception {
        SocketClient c = agent.open(APP);
        byte[] big = new byte[20 * 1024 * 1024];
        new Random(7).nextBytes(big);
        long t0 = System.nanoTime();
        String id = c.sendDocument("big.bin", big);
        JsonNode received = c.event("document.received", 30);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(DocumentStore.sha256(big), received.get("sha256").asText());
        List<Long> progress = progress(c);
        assertTrue(progress.size() >= 20, "a progress event per MiB: " + progress);
        assertEquals(big.length, progress.get(progress.size() - 1));
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) > progress.get(i - 1), "progress only grows");
        }
        System.out.printf("20 MB upload over the socket: %.2f s (%.1f MB/s)%n", seconds, 20 / seconds);
        c.call("document.remove", "{\"documentId\":\"" + id + "\"}");
        assertEquals("DOCUMENT_NOT_FOUND", c.call("verify.pdf", "{\"documentId\":\"" + id + "\"}")
                .get("error").get("code").asText());
        c.socket().close(1000, "");
    }

    @Test
    void limitsAndMistakesGetStableCodes() throws Exception {
        SocketClient c = agent.open(APP);
        assertEquals("DOCUMENT_TOO_LARGE", c.call("document.upload", "{\"name\":\"x\",\"size\":" + (64L << 20) + "}")
                .get("error").get("code").asText());
        assertEquals("DOCUMENT_NOT_FOUND", c.call("sign.pdf", "{\"documentId\":\"nope\",\"certificateId\":\"x\"}")
                .get("error").get("code").asText());
        JsonNode begin = c.call("document.upload", "{\"name\":\"x\",\"size\":10}");
        c.sendBinary(SocketClient.frame(begin.get("result").get("documentId").asText(), new byte[20], 0, 20));
        assertEquals("DOCUMENT_SIZE_MISMATCH", c.event("document.error", 30).get("code").asText());
        String pdf = c.sendDocument("a.pdf", onePagePdf());
        c.event("document.received", 30);
        assertEquals("INVALID_PARAMS", c.call("sign.pdf", "{\"documentId\":\"" + pdf + "\",\"certificateId\":\"x\","
                + "\"preset\":\"poster\"}").get("error").get("code").asText());
        c.socket().close(1000, "");
    }
}
