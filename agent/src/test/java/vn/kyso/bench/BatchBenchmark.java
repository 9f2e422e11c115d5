package vn.kyso.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import vn.kyso.app.AgentAssembly;
import vn.kyso.pdf.PadesLevel;
import vn.kyso.server.AgentHarness;
import vn.kyso.sign.TokenSignerPort;
import vn.kyso.testkit.SocketClient;
import vn.kyso.testpki.SoftHsmFixture;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.LoginPolicy;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;
import vn.kyso.xml.DssXades;

/**
 * {@code sign.pdf.batch} of 100 one-page documents at B-LT over the bridge — the agent wired as {@code kyso serve}
 * wires it ({@link AgentAssembly}), the person scripted in-process (one consent, one PIN, both counted) — against EU
 * DSS 6.4 signing the same 100 files one by one at B-LT with the same SoftHSM2 key, TSA and OCSP/CRL services ({@link
 * SigningBenchmark.DssSigner}). The documents differ (each page has its own random image). Both warmed for the same
 * time first: DSS signs 10 of them one by one, then the agent a batch of those 10, the whole list (timed: printed as a
 * fresh agent's figure) and more batches of 10 until it has had as long. The agent's time is the {@code
 * sign.pdf.batch} call (documents uploaded before, results left for download, as a page does); the upload time is
 * printed beside it. The server holds up to 256 documents per connection for this (the product's default is 10: a page
 * signs 100 documents in smaller lists or removes results as they come).
 *
 * <p>Target: total ≤ 0.15 × DSS's. Run: {@code scripts/bench.sh batch}.
 */
@Tag("benchmark")
class BatchBenchmark {

    private static final int DOCUMENTS = Integer.getInteger("kyso.bench.batch", 100);
    private static final String ORIGIN = "https://qlvb.ninhbinh.gov.vn";

    @Test
    void hundredDocumentsOneConsentOnePinAgainstDssOneByOne() throws Exception {
        TestEnvironment env = TestEnvironment.shared();
        Path dir = Files.createDirectories(Path.of("target", "bench-batch"));
        List<Path> files = documents(dir, DOCUMENTS);
        try (AgentHarness agent = agent(env, dir); SocketClient page = agent.open(ORIGIN)) {
            TokenManager tokens = agent.tokens();
            AgentHarness.Person person = agent.person();
            String certificateId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(env.pki().get(TestPki.PERSONAL_AN).certificate().getEncoded()));
            // DSS signs through the same token layer: two PKCS#11 sessions of one process share the token's login
            TokenSignerPort signer = new TokenSignerPort(tokens, certificateId,
                    List.of(env.pki().intermediate(), env.pki().root()),
                    request -> Optional.of(SoftHsmFixture.USER_PIN.toCharArray()));
            SigningBenchmark.DssSigner dss = new SigningBenchmark.DssSigner(env, signer);

            // warm-up: DSS signs a tenth of the list one by one, then the agent signs batches of that tenth for as
            // long (at least one): the same warm-up time for each engine
            List<Path> tenth = files.subList(0, Math.max(1, DOCUMENTS / 10));
            long w0 = System.nanoTime();
            for (Path f : tenth) {
                dss.sign(f, dir.resolve("warm-dss.pdf"), PadesLevel.B_LT);
            }
            long dssWarmNanos = System.nanoTime() - w0;
            w0 = System.nanoTime();
            batch(page, certificateId, tenth);
            // the whole list right after one batch of ten, as a fresh agent would sign it: printed, not the target
            long freshNanos = batch(page, certificateId, files);
            int oursWarmBatches = 1;
            long oursWarmNanos = System.nanoTime() - w0;
            while (oursWarmNanos < dssWarmNanos) {
                batch(page, certificateId, tenth);
                oursWarmBatches++;
                oursWarmNanos = System.nanoTime() - w0;
            }
            person.reset();

            long u0 = System.nanoTime();
            List<String> ids = new ArrayList<>();
            for (Path f : files) {
                ids.add(page.upload(f.getFileName().toString(), Files.readAllBytes(f)));
            }
            long uploadNanos = System.nanoTime() - u0;
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            JsonNode result = page.result("sign.pdf.batch", items(certificateId, ids));
            long oursNanos = System.nanoTime() - t0;
            long oursCpu = processCpuNanos() - c0;
            long signedCount = 0;
            for (JsonNode item : result.get("items")) {
                signedCount += "SIGNED".equals(item.get("status").asText()) ? 1 : 0;
            }
            assertEquals(DOCUMENTS, signedCount, result.toString());
            assertEquals(1, person.consent().count(), "one consent for the list");
            assertEquals(1, person.pin().count(), "one PIN for the list");

            long dc0 = processCpuNanos();
            long d0 = System.nanoTime();
            for (int i = 0; i < files.size(); i++) {
                dss.sign(files.get(i), dir.resolve("dss-" + i + ".pdf"), PadesLevel.B_LT);
            }
            long dssNanos = System.nanoTime() - d0;
            long dssCpu = processCpuNanos() - dc0;

            double ours = oursNanos / 1e6;
            double theirs = dssNanos / 1e6;
            System.out.printf("%n== Batch benchmark: %d one-page documents at B-LT, SoftHSM2 RSA-2048, same TSA and "
                    + "OCSP/CRL; one consent, one PIN ==%n", DOCUMENTS);
            System.out.printf("warm-up, the same time for each: EU DSS %d documents one by one in %.2f s; Kyso %d "
                    + "batches of them and one of all %d in %.2f s%n", tenth.size(), dssWarmNanos / 1e9,
                    oursWarmBatches, DOCUMENTS, oursWarmNanos / 1e9);
            System.out.printf("Kyso's batch of all %d after its first batch of %d (a fresh agent): %.0f ms, %.3f of "
                    + "DSS's time below (not the target)%n", DOCUMENTS, tenth.size(), freshNanos / 1e6,
                    freshNanos / (double) dssNanos);
            System.out.printf("Kyso sign.pdf.batch over the bridge: %8.0f ms  (%.1f documents/s; uploads before it: "
                    + "%.0f ms)%n", ours, DOCUMENTS / (ours / 1000), uploadNanos / 1e6);
            System.out.printf("EU DSS one by one, file to file:     %8.0f ms  (%.1f documents/s)%n", theirs,
                    DOCUMENTS / (theirs / 1000));
            // CPU of both JVMs (agent, test PKI services, the page; DSS): on a loaded machine wall time is mostly waiting
            System.out.printf("CPU time (both JVMs): Kyso %.0f ms, DSS %.0f ms (Kyso / DSS %.3f; load average %s)%n",
                    oursCpu / 1e6, dssCpu / 1e6, (double) oursCpu / dssCpu, loadAverage());
            Stats.ratioAtMost("batch of " + DOCUMENTS + " B-LT: Kyso / DSS time", ours / theirs, 0.15);
        }
    }

    /**
     * {@code -Dkyso.bench.batch.rounds=N}: no DSS, but N batches of {@value #PROFILED} after two warm ones, each with
     * the CPU of this JVM's threads by kind (the thread's name without its numbers: the batch's pools, the JIT
     * compilers, the collector, the test PKI's servers) from {@code /proc} — where a batch's CPU goes, and what a
     * change to the batch path buys, with less noise than one wall-clock figure.
     */
    @Test
    void cpuByThreadOverSeveralBatches() throws Exception {
        int rounds = Integer.getInteger("kyso.bench.batch.rounds", 0);
        Assumptions.assumeTrue(rounds > 0, "-Dkyso.bench.batch.rounds=N to run");
        TestEnvironment env = TestEnvironment.shared();
        Path dir = Files.createDirectories(Path.of("target", "bench-batch"));
        List<Path> files = documents(dir, PROFILED);
        try (AgentHarness agent = agent(env, dir); SocketClient page = agent.open(ORIGIN)) {
            String certificateId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(env.pki().get(TestPki.PERSONAL_AN).certificate().getEncoded()));
            batch(page, certificateId, files);
            batch(page, certificateId, files);
            Map<String, Long> total = new TreeMap<>();
            List<Double> wall = new ArrayList<>();
            long process = 0;
            for (int round = 0; round < rounds; round++) {
                Map<String, Long> before = threadCpuMillis();
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                batch(page, certificateId, files);
                wall.add((System.nanoTime() - t0) / 1e6);
                process += processCpuNanos() - c0;
                threadCpuMillis().forEach((kind, ms) -> total.merge(kind, ms - before.getOrDefault(kind, 0L),
                        Long::sum));
            }
            System.out.printf("%n== Batch CPU by thread: %d batches of %d one-page documents at B-LT (load average "
                    + "%s); ms per batch ==%n", rounds, PROFILED, loadAverage());
            long all = 0;
            for (Map.Entry<String, Long> e : total.entrySet()) {
                if (e.getValue() / rounds >= 5) {
                    System.out.printf("%-28s %7d%n", e.getKey(), e.getValue() / rounds);
                }
                all += e.getValue();
            }
            System.out.printf("%-28s %7d%n%-28s %7d%nwall per batch (with uploads and removals): %s ms%n",
                    "live threads", all / rounds, "process", process / rounds / 1_000_000, Stats.list(wall));
        }
    }

    private static final int PROFILED = 100;

    /** {@code count} one-page documents, each with its own random image. */
    private static List<Path> documents(Path dir, int count) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path file = dir.resolve("van-ban-" + i + ".pdf");
            SigningBenchmark.generate(file, 1, 1000 + i);
            files.add(file);
        }
        return files;
    }

    /** A PIN for every signature, so that "one PIN for the list" is the batch's doing, not a cached login. */
    private static AgentHarness agent(TestEnvironment env, Path dir) throws Exception {
        return AgentHarness.in(dir).origins(ORIGIN).idleTimeout(Duration.ofMinutes(30)).documents(32L << 20, 256)
                .version("bench").tokens(TokenManagerConfig.of(List.of(env.softHsm().library()))
                        .withLoginPolicy(LoginPolicy.everySignature())).start();
    }

    /** CPU (user + system, ms) of this JVM's live threads by kind, from /proc (Linux). */
    private static Map<String, Long> threadCpuMillis() throws Exception {
        Map<String, Long> byKind = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (java.io.IOException ended) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10; // USER_HZ 100
                byKind.merge(name.replaceAll("[0-9]+", "#").strip(), cpu, Long::sum);
            }
        }
        return byKind;
    }

    /** This JVM's CPU time (agent, test PKI services, the page) and the DSS process's. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() + DssXades.processCpuNanos();
    }

    private static String loadAverage() {
        return String.format("%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** Uploads {@code files}, signs them in one batch and removes them all: the time of the batch call. */
    private static long batch(SocketClient page, String certificateId, List<Path> files) throws Exception {
        List<String> ids = new ArrayList<>();
        for (Path f : files) {
            ids.add(page.upload(f.getFileName().toString(), Files.readAllBytes(f)));
        }
        long t0 = System.nanoTime();
        JsonNode result = page.result("sign.pdf.batch", items(certificateId, ids));
        long took = System.nanoTime() - t0;
        assertEquals(files.size(), result.get("items").size());
        for (JsonNode item : result.get("items")) {
            page.result("document.remove", "{\"documentId\":\"" + item.get("signedDocumentId").asText() + "\"}");
        }
        for (String id : ids) {
            page.result("document.remove", "{\"documentId\":\"" + id + "\"}");
        }
        return took;
    }

    private static String items(String certificateId, List<String> ids) {
        StringBuilder items = new StringBuilder();
        for (String id : ids) {
            items.append(items.length() == 0 ? "" : ",").append("{\"documentId\":\"").append(id).append("\"}");
        }
        return "{\"certificateId\":\"" + certificateId + "\",\"level\":\"B-LT\",\"items\":[" + items + "]}";
    }
}
