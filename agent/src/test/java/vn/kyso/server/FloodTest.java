package vn.kyso.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.pki.TrustStore;
import vn.kyso.testkit.SilentServer;
import vn.kyso.testkit.SocketClient;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.TokenManager;
import vn.kyso.verify.Indication;
import vn.kyso.verify.PdfSignatureVerifier;
import vn.kyso.vgca.StampImages;
import vn.kyso.vgca.VgcaSettings;

/**
 * The flood attacks of the hardening review against the real agent over real sockets, scaled to run in well under a
 * minute each, with the figures printed: a page's thousands of {@code vgca.verifyPdf} jobs to its own server that
 * never answers (attack 3: threads stay bounded, health stays fast, another origin keeps working); several sockets
 * uploading large documents (attack 2: the heap stays bounded, large documents live in owner-only files that go with
 * the connection, and another origin's 20 MB upload → sign → download succeeds); a frame of id + a full 1 MiB chunk
 * (attack 8: accepted, as docs/protocol.md allows).
 */
class FloodTest {

    private static final String OTHER = "https://egov.ninhbinh.gov.vn";
    private static final int MIB = 1 << 20;
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(10)).build();
    @TempDir
    static Path dir;
    private static TokenManager tokens;
    private static AgentHarness agent;
    private static AgentServer server;
    private static TrustStore trust;
    private static SilentServer silent;
    /** The attacking page's origin: a server of its own that accepts connections and never answers. */
    private static String attacker;

    @BeforeAll
    static void start() throws Exception {
        TestEnvironment env = TestEnvironment.shared();
        silent = SilentServer.start(4096);
        attacker = silent.origin();

        trust = TrustStore.empty();
        trust.add(env.pki().root());
        agent = AgentHarness.in(dir).origins(attacker, OTHER).idleTimeout(Duration.ofMinutes(5))
                .documents(100L * MIB, 10).methods(AgentHarness.withVgca(dir.resolve("profile"),
                        new VgcaSettings(List.of(), new StampImages(null, null),
                        VgcaSettings.DEFAULT_MAX_DOCUMENT_BYTES, Duration.ofSeconds(60)))).start();
        server = agent.server();
        tokens = agent.tokens();
    }

    @AfterAll
    static void stop() throws IOException {
        agent.close();
        silent.close();
    }

    /** One health request as another origin's page makes it; its latency in nanoseconds. */
    private static long health() throws IOException {
        long start = System.nanoTime();
        try (Response r = HTTP.newCall(new Request.Builder().url("http://127.0.0.1:" + server.port()
                + "/v1/health").header("Origin", OTHER).build()).execute()) {
            assertEquals(200, r.code());
        }
        return System.nanoTime() - start;
    }

    private static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    @Test
    void thousandsOfJobsToANeverAnsweringServerKeepThreadsBoundedAndHealthFast() throws Exception {
        for (int i = 0; i < 200; i++) {
            health(); // the request path compiled and the connection kept alive, as a page's would be
        }
        long[] quiet = new long[500];
        for (int i = 0; i < quiet.length; i++) {
            quiet[i] = health();
        }
        Arrays.sort(quiet);
        double quietP99 = quiet[(int) Math.ceil(quiet.length * 0.99) - 1] / 1e6;
        int before = threads();
        int jobs = 3000;
        try (SocketClient page = SocketClient.open(server.port(), attacker);
             SocketClient other = SocketClient.open(server.port(), OTHER)) {
            String job = "{\"job\":{\"SessionId\":\"s\",\"FileName\":\"" + attacker + "/files/never.pdf\"}}";
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                ids.add(page.send("vgca.verifyPdf", job));
            }
            // what comes back at once: refusals beyond the connection's allowance, never a thread each
            int refused = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (refused < jobs - server.budgets().maxRequestsPerConnection() && System.nanoTime() < deadline) {
                JsonNode answer = page.pollAnswer(Duration.ofSeconds(1));
                if (answer != null && "TOO_MANY_REQUESTS".equals(answer.path("error").path("code").asText())) {
                    refused++;
                }
            }
            int peak = threads();
            long[] latencies = new long[500];
            for (int i = 0; i < latencies.length; i++) {
                latencies[i] = health();
                peak = Math.max(peak, threads());
            }
            Arrays.sort(latencies);
            double p99 = latencies[(int) Math.ceil(latencies.length * 0.99) - 1] / 1e6;
            long start = System.nanoTime();
            JsonNode info = other.result("info", "{}");
            JsonNode list = other.result("tokens.list", "{}");
            double otherMs = (System.nanoTime() - start) / 1e6;
            System.out.printf("attack 3: %d vgca.verifyPdf to a never-answering server: %d refused at once "
                    + "(TOO_MANY_REQUESTS), threads %d -> peak %d, health p99 %.1f ms (max %.1f ms; before the "
                    + "attack %.1f ms), another origin's info + tokens.list %.1f ms%n", jobs, refused, before, peak,
                    p99, latencies[latencies.length - 1] / 1e6, quietP99, otherMs);
            assertEquals(jobs - server.budgets().maxRequestsPerConnection(), refused);
            assertTrue(peak - before < 100, "threads " + before + " -> " + peak);
            // 100 ms as the issue asks; on a machine already loaded by other work (its p99 before the attack above
            // 50 ms) the bound is twice that quiet figure, so the test measures the agent, not the neighbours
            assertTrue(p99 < Math.max(100, 2 * quietP99), "health p99 " + p99 + " ms, before " + quietP99 + " ms");
            assertEquals("test", info.get("version").asText());
            assertTrue(list.isArray() || list.isObject(), list.toString());
            assertTrue(otherMs < 2000, "another origin waited " + otherMs + " ms");
        }
    }

    @Test
    void aFrameOfIdAndAFullMebibyteChunkIsAccepted() throws Exception {
        try (SocketClient page = SocketClient.open(server.port(), OTHER)) {
            byte[] content = new byte[MIB];
            new Random(8).nextBytes(content);
            String id = page.result("document.upload", "{\"name\":\"chunk.bin\",\"size\":" + MIB + "}")
                    .get("documentId").asText();
            assertTrue(page.sendBinary(SocketClient.frame(id, content, 0, MIB)));
            JsonNode received = page.event("document.received", 10);
            assertEquals(id, received.get("documentId").asText());
            assertEquals(MIB, received.get("size").asInt());
            assertArrayEquals(content, page.download(id));
        }
    }

    @Test
    void largeUploadsFromManySocketsLiveInPrivateFilesAndAnotherOriginStillSigns() throws Exception {
        int sockets = 6;
        int perSocket = 2;
        int size = 48 * MIB;
        byte[] content = new byte[size]; // the pages' side, allocated before the agent's share is measured
        new Random(2).nextBytes(content);
        Runtime.getRuntime().gc();
        long heapBefore = heapUsed();
        List<SocketClient> pages = new ArrayList<>();
        ExecutorService uploaders = Executors.newFixedThreadPool(sockets);
        long start = System.nanoTime();
        try {
            List<Future<List<String>>> uploads = new ArrayList<>();
            for (int s = 0; s < sockets; s++) {
                SocketClient page = SocketClient.open(server.port(), attacker);
                pages.add(page);
                uploads.add(uploaders.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    for (int d = 0; d < perSocket; d++) {
                        ids.add(upload(page, "flood-" + d + ".pdf", content));
                    }
                    return ids;
                }));
            }
            int documents = 0;
            for (Future<List<String>> upload : uploads) {
                documents += upload.get(120, TimeUnit.SECONDS).size();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Runtime.getRuntime().gc();
            long heapHeld = heapUsed() - heapBefore;
            Path folder = server.documentFolder();
            List<Path> files;
            try (Stream<Path> list = Files.list(folder)) {
                files = list.toList();
            }
            System.out.printf("attack 2: %d sockets uploaded %d documents of %d MiB (%d MiB) in %.1f s: heap held "
                    + "after GC %+d MiB, agent files %d (%d MiB), process RSS %d MiB%n", sockets, documents,
                    size / MIB, (long) documents * size / MIB, seconds, heapHeld / MIB, files.size(),
                    files.stream().mapToLong(FloodTest::sizeOf).sum() / MIB, rssKiB() / 1024);
            assertEquals(sockets * perSocket, documents);
            assertTrue(heapHeld < 100L * MIB, "the uploads stayed in the heap: " + heapHeld / MIB + " MiB");
            assertEquals(documents, files.size());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
            for (Path file : files) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            }

            // meanwhile another origin: 20 MB upload -> sign -> download
            try (SocketClient other = SocketClient.open(server.port(), OTHER)) {
                byte[] pdf = largePdf(20_000_000);
                long t0 = System.nanoTime();
                String id = upload(other, "bao-cao.pdf", pdf);
                JsonNode signed = other.result("sign.pdf", "{\"documentId\":\"" + id + "\",\"certificateId\":\""
                        + certificateId(TestPki.PERSONAL_AN) + "\"}");
                byte[] out = other.download(signed.get("documentId").asText());
                System.out.printf("another origin during the flood: %d-byte PDF uploaded, signed and downloaded "
                        + "in %.1f s%n", pdf.length, (System.nanoTime() - t0) / 1e9);
                assertArrayEquals(pdf, Arrays.copyOf(out, pdf.length), "an incremental signature over the upload");
                assertEquals(Indication.TOTAL_PASSED, PdfSignatureVerifier.builder(trust).build().verify(out)
                        .indication());
            }
        } finally {
            pages.forEach(SocketClient::close);
            uploaders.shutdownNow();
        }
        // the connections are gone, and with them their files
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long left;
        do {
            try (Stream<Path> list = Files.list(server.documentFolder())) {
                left = list.count();
            }
        } while (left > 0 && System.nanoTime() < deadline);
        assertEquals(0, left, "files of closed connections are removed");
    }

    @Test
    void beyondTheDiskShareUploadsAreRefusedBeforeAByteIsSentAndAbandonedRunsAreRemovedAtStart() throws Exception {
        Path spill = dir.resolve("spill");
        Files.createDirectories(spill.resolve("run-crashed"));
        Files.write(spill.resolve("run-crashed/left.bin"), new byte[1000]);
        Files.write(spill.resolve("run-crashed.lock"), new byte[0]);
        ServerSettings.Budgets small = new ServerSettings.Budgets(8, 16, 4, 2L * MIB, 8L * MIB, MIB, spill);
        try (AgentHarness tight = AgentHarness.in(dir).origins(OTHER).secretFile(dir.resolve("secret2"))
                .documents(100L * MIB, 10).budgets(small).methods(parts -> Map.of()).start()) {
            assertTrue(Files.notExists(spill.resolve("run-crashed")), "a crashed run's documents are removed");
            assertTrue(Files.notExists(spill.resolve("run-crashed.lock")));
            try (SocketClient page = SocketClient.open(tight.port(), OTHER)) {
                upload(page, "a.pdf", new byte[6 * MIB]);
                assertEquals("DOCUMENTS_BUDGET_EXCEEDED", page.errorCode("document.upload",
                        "{\"name\":\"b.pdf\",\"size\":" + 6 * MIB + "}"));
                upload(page, "small.pdf", new byte[MIB / 2]); // memory share still has room
            }
        }
        try (Stream<Path> list = Files.list(spill)) {
            assertEquals(List.of(), list.toList(), "closing removes this run's folder");
        }
    }

    /** Uploads in 1 MiB chunks. */
    static String upload(SocketClient page, String name, byte[] content) throws InterruptedException {
        return page.upload(name, content, MIB);
    }

    /** A one-page PDF carrying an incompressible stream, about {@code bytes} long. */
    private static byte[] largePdf(int bytes) throws IOException {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            byte[] noise = new byte[bytes];
            new Random(20).nextBytes(noise);
            PDStream stream = new PDStream(document);
            try (var out = stream.createOutputStream()) {
                out.write(noise);
            }
            document.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("KysoPayload"),
                    stream.getCOSObject());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out, org.apache.pdfbox.pdfwriter.compress.CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        }
    }

    private static String certificateId(String alias) {
        return tokens.certificates().stream().filter(c -> c.label().equals(alias)).findFirst().orElseThrow().id();
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long rssKiB() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(-1L);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
