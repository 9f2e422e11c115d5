package vn.kyso.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.cli.AgentProcess;
import vn.kyso.testkit.SilentServer;
import vn.kyso.testkit.SocketClient;
import vn.kyso.testpki.TestEnvironment;

/**
 * Attacks 2 and 3 of the hardening review against the real {@code kyso serve} process, whose resident memory and
 * threads are read from {@code /proc/<pid>/status}: an allowed page floods it with large uploads over several sockets
 * and with thousands of VGCA jobs to its own never-answering server; the agent's peak RSS stays under the documented
 * 600 MB, its threads stay bounded, health stays fast and another origin's 20 MB document still goes up and down.
 */
class ServeUnderFloodTest {

    private static final String OTHER = "https://egov.ninhbinh.gov.vn";
    private static final int MIB = 1 << 20;
    private static final long RSS_BOUND_KIB = 600L * 1024;
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path home;

    @Test
    void theRealAgentStaysWithinItsBoundsUnderUploadAndJobFloods() throws Exception {
        TestEnvironment env = TestEnvironment.shared();
        try (SilentServer silent = SilentServer.start(1024)) {
            String attacker = silent.origin();
            String config = "token.libraries=" + env.softHsm().library() + "\ntoken.discover=false\norigins.allowed="
                    + attacker + "," + OTHER + "\ntsa.url=" + env.services().urls().tsa() + "\n";
            try (AgentProcess agent = AgentProcess.start(home, config, null)) {
                long pid = agent.pid();
                System.out.printf("kyso serve started: RSS %d MiB, %d threads%n", status(pid, "VmRSS") / 1024,
                        status(pid, "Threads"));

                // attack 2, scaled: 6 sockets × 2 documents × 48 MiB
                byte[] content = new byte[48 * MIB];
                new Random(2).nextBytes(content);
                ExecutorService pages = Executors.newFixedThreadPool(6);
                List<SocketClient> clients = new ArrayList<>();
                long start = System.nanoTime();
                try {
                    List<Future<?>> uploads = new ArrayList<>();
                    for (int s = 0; s < 6; s++) {
                        SocketClient page = SocketClient.open(agent.port, attacker);
                        clients.add(page);
                        uploads.add(pages.submit(() -> {
                            FloodTest.upload(page, "a.pdf", content);
                            FloodTest.upload(page, "b.pdf", content);
                            return null;
                        }));
                    }
                    for (Future<?> upload : uploads) {
                        upload.get(180, TimeUnit.SECONDS);
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    long peak = status(pid, "VmHWM");
                    System.out.printf("attack 2 on kyso serve: 576 MiB uploaded over 6 sockets in %.1f s: RSS %d MiB, "
                            + "peak RSS %d MiB (bound %d MiB)%n", seconds, status(pid, "VmRSS") / 1024,
                            peak / 1024, RSS_BOUND_KIB / 1024);
                    assertTrue(peak < RSS_BOUND_KIB, "peak RSS " + peak / 1024 + " MiB");

                    try (SocketClient other = SocketClient.open(agent.port, OTHER)) {
                        byte[] twenty = Arrays.copyOf(content, 20_000_000);
                        long t0 = System.nanoTime();
                        String id = FloodTest.upload(other, "bao-cao.pdf", twenty);
                        assertArrayEquals(twenty, other.download(id));
                        System.out.printf("another origin's 20 MB upload + download during the flood: %.1f s%n",
                                (System.nanoTime() - t0) / 1e9);
                    }
                } finally {
                    clients.forEach(SocketClient::close);
                    pages.shutdownNow();
                }

                // attack 3, scaled: 3,000 vgca.verifyPdf jobs to the page's own never-answering server
                long threadsBefore = status(pid, "Threads");
                try (SocketClient page = SocketClient.open(agent.port, attacker)) {
                    String job = "{\"job\":{\"SessionId\":\"s\",\"FileName\":\"" + attacker + "/files/never.pdf\"}}";
                    for (int i = 0; i < 3000; i++) {
                        page.send("vgca.verifyPdf", job);
                    }
                    int refused = 0;
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (refused < 2992 && System.nanoTime() < deadline) {
                        JsonNode answer = page.pollAnswer(Duration.ofSeconds(1));
                        if (answer != null && "TOO_MANY_REQUESTS".equals(answer.path("error").path("code").asText())) {
                            refused++;
                        }
                    }
                    long threadsPeak = status(pid, "Threads");
                    long[] latencies = new long[300];
                    for (int i = 0; i < latencies.length; i++) {
                        long t0 = System.nanoTime();
                        try (Response r = HTTP.newCall(new Request.Builder().url("http://127.0.0.1:" + agent.port
                                + "/v1/health").header("Origin", OTHER).build()).execute()) {
                            assertEquals(200, r.code());
                        }
                        latencies[i] = System.nanoTime() - t0;
                        threadsPeak = Math.max(threadsPeak, status(pid, "Threads"));
                    }
                    Arrays.sort(latencies);
                    System.out.printf("attack 3 on kyso serve: 3000 jobs, %d refused at once; threads %d -> %d; "
                            + "health p50 %.1f ms, p99 %.1f ms%n", refused, threadsBefore, threadsPeak,
                            latencies[150] / 1e6, latencies[296] / 1e6);
                    assertEquals(2992, refused);
                    assertTrue(threadsPeak - threadsBefore < 60, threadsBefore + " -> " + threadsPeak);
                }
            }
        }
    }

    /** A field of /proc/PID/status in kB (or a count). */
    private static long status(long pid, String field) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith(field + ":")).map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                .findFirst().orElseThrow();
    }
}
