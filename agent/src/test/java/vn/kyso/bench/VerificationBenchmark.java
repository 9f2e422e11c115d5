package vn.kyso.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import vn.kyso.pdf.LevelPolicy;
import vn.kyso.pdf.PadesLevel;
import vn.kyso.pdf.PadesOptions;
import vn.kyso.pdf.PadesSigner;
import vn.kyso.pdf.PadesTestSupport;
import vn.kyso.pki.TrustStore;
import vn.kyso.testpki.PkiServices.Service;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;
import vn.kyso.verify.DocumentReport;
import vn.kyso.verify.PdfSignatureVerifier;
import vn.kyso.xml.DssXades;

/**
 * Warm verification of one document with three B-LT signatures (An, Bình, the organisation; revocation evidence
 * embedded at signing): our {@link PdfSignatureVerifier} with online checks off against EU DSS 6.4's
 * SignedDocumentValidator with the test root trusted and no online sources (no OCSP, CRL or AIA: both judge
 * from the embedded evidence; the OCSP and CRL services are switched off during the measurement to prove it). Both
 * are warmed for the same wall time first (DSS's runs, then ours; {@code -Dkyso.bench.warmupSeconds}, default 6 s, and
 * at least {@code -Dkyso.bench.warmup} runs each), as a warm agent and a warm DSS would be. DSS
 * runs in its own JVM on the BouncyCastle it was built for ({@link DssXades}) and times itself there, wall and CPU
 * time of its thread; its validation policy is loaded once, outside the timing. Interleaved, order alternating, medians; the overall
 * verdicts must agree.
 *
 * <p>Run: {@code scripts/bench.sh verification}.
 */
@Tag("benchmark")
class VerificationBenchmark {

    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static final int WARMUP = Integer.getInteger("kyso.bench.warmup", 30);
    private static final double WARMUP_SECONDS = Double.parseDouble(System.getProperty("kyso.bench.warmupSeconds", "6"));
    private static final int RUNS = Integer.getInteger("kyso.bench.verifyRuns", 41);

    @Test
    void oursAgainstEuDssOnThreeBltSignatures() throws Exception {
        TestEnvironment env = TestEnvironment.shared();
        Path dir = Path.of("target", "bench-verification");
        Files.createDirectories(dir);
        Path blank = dir.resolve("blank.pdf");
        SigningBenchmark.generate(blank, 1);
        byte[] document = Files.readAllBytes(blank);
        PadesSigner engine = new PadesSigner(PadesTestSupport.services());
        for (String alias : List.of(TestPki.PERSONAL_AN, TestPki.PERSONAL_BINH, TestPki.ORGANISATION)) {
            document = engine.sign(document, PadesTestSupport.signer(alias),
                    PadesOptions.defaults().withLevel(PadesLevel.B_LT).withPolicy(LevelPolicy.STRICT)).document();
        }
        Path file = Files.write(dir.resolve("three-signatures-b-lt.pdf"), document);
        final byte[] pdf = document;

        TrustStore trust = TrustStore.empty();
        trust.add(PadesTestSupport.root());
        PdfSignatureVerifier ours = PdfSignatureVerifier.builder(trust).online(false).build();

        env.services().setAvailable(Service.OCSP, false);
        env.services().setAvailable(Service.CRL, false);
        try {
            DocumentReport ourReport = ours.verify(pdf);
            DssXades.Timed dssReport = DssXades.timed(file);
            String ourVerdict = ourReport.indication().name();
            String dssVerdict = worst(dssReport);
            System.out.println("Kyso: " + ourVerdict + " " + ourReport.signatures().stream()
                    .map(s -> s.fieldName() + "=" + s.indication() + "/" + s.level().etsiName()).toList());
            System.out.println("DSS:  " + dssVerdict + " " + dssReport.signatures());
            assertEquals(3, ourReport.signatures().stream().filter(s -> !s.documentTimestamp()).count());
            assertEquals(3, dssReport.signatures().size());
            assertEquals(dssVerdict, ourVerdict, "overall verdicts differ");

            // Each engine warmed for the same wall time, and at least WARMUP runs. Equal counts warmed DSS ~15× longer
            // than ours (one of its runs takes ~15 of ours) and left ours measured mostly in the interpreter.
            long dssWarmNanos = 0;
            int dssWarmRuns = 0;
            for (long w0 = System.nanoTime(); dssWarmRuns < WARMUP || dssWarmNanos < WARMUP_SECONDS * 1e9;
                    dssWarmNanos = System.nanoTime() - w0) {
                DssXades.timed(file);
                dssWarmRuns++;
            }
            long oursWarmNanos = 0;
            int oursWarmRuns = 0;
            long[] oursFirstRuns = new long[WARMUP];
            for (long w0 = System.nanoTime(); oursWarmRuns < WARMUP || oursWarmNanos < dssWarmNanos;
                    oursWarmNanos = System.nanoTime() - w0) {
                long took = timeOurs(ours, pdf);
                if (oursWarmRuns < WARMUP) {
                    oursFirstRuns[oursWarmRuns] = took;
                }
                oursWarmRuns++;
            }
            long[] oursNanos = new long[RUNS];
            long[] dssNanos = new long[RUNS];
            long[] oursCpu = new long[RUNS];
            long[] dssCpu = new long[RUNS];
            for (int r = 0; r < RUNS; r++) {
                for (int k = 0; k < 2; k++) {
                    if ((r + k) % 2 == 0) {
                        long c0 = oursCpu();
                        oursNanos[r] = timeOurs(ours, pdf);
                        oursCpu[r] = oursCpu() - c0;
                    } else {
                        DssXades.Timed timed = DssXades.timed(file);
                        dssNanos[r] = timed.nanos();
                        dssCpu[r] = timed.cpuNanos();
                    }
                }
            }
            double o = Measure.median(oursNanos) / 1e6;
            double d = Measure.median(dssNanos) / 1e6;
            System.out.printf("%n== Verification benchmark: 3 B-LT signatures (An, Bình, organisation), embedded "
                    + "evidence, offline; %.0f KB; median of %d interleaved runs ==%n", pdf.length / 1024.0, RUNS);
            System.out.printf("warm-up, the same time for each: EU DSS %d runs in %.1f s, Kyso %d runs in %.1f s%n",
                    dssWarmRuns, dssWarmNanos / 1e9, oursWarmRuns, oursWarmNanos / 1e9);
            System.out.printf("Kyso's first %d runs (after the check above): median %.2f ms (not the target)%n", WARMUP,
                    Measure.median(oursFirstRuns) / 1e6);
            System.out.printf("verdict: Kyso %s, EU DSS %s (same: yes)%n", ourVerdict, dssVerdict);
            System.out.printf("Kyso PdfSignatureVerifier:     median %8.2f ms  (min %.2f, max %.2f)%n", o,
                    min(oursNanos) / 1e6, max(oursNanos) / 1e6);
            System.out.printf("EU DSS SignedDocumentValidator: median %8.2f ms  (min %.2f, max %.2f)%n", d,
                    min(dssNanos) / 1e6, max(dssNanos) / 1e6);
            double oc = Measure.median(oursCpu) / 1e6;
            double dc = Measure.median(dssCpu) / 1e6;
            System.out.printf("CPU time of the verifying thread (Kyso: and its check pool): Kyso %.2f ms, EU DSS %.2f ms: "
                    + "%.1fx (what a loaded machine leaves of the wall-time ratio)%n", oc, dc, dc / oc);
            System.out.printf("DSS / Kyso: %.1fx faster; Kyso / DSS time ratio %.3f%n", d / o, o / d);
            Stats.ratioAtLeast("verification, 3 B-LT signatures: DSS time / Kyso time", d / o, 10);
        } finally {
            env.services().setAvailable(Service.OCSP, true);
            env.services().setAvailable(Service.CRL, true);
        }
    }

    /**
     * CPU time of this thread and of the verifier's check pool ("kyso-verify-N"), which checks a document's
     * signatures side by side: the CPU one verification costs, wherever it runs.
     */
    private static long oursCpu() {
        long total = CPU.getCurrentThreadCpuTime();
        for (java.lang.management.ThreadInfo thread : CPU.getThreadInfo(CPU.getAllThreadIds())) {
            if (thread != null && thread.getThreadName().startsWith("kyso-verify-")) {
                total += Math.max(0, CPU.getThreadCpuTime(thread.getThreadId()));
            }
        }
        return total;
    }

    private static long timeOurs(PdfSignatureVerifier verifier, byte[] pdf) {
        long t0 = System.nanoTime();
        verifier.verify(pdf);
        return System.nanoTime() - t0;
    }

    /** DSS's worst signature indication, in the ETSI vocabulary both use. */
    private static String worst(DssXades.Timed report) {
        String worst = "TOTAL_PASSED";
        for (String signature : report.signatures()) {
            String indication = signature.substring(0, signature.indexOf('/'));
            if (rank(indication) > rank(worst)) {
                worst = indication;
            }
        }
        return worst;
    }

    private static int rank(String indication) {
        return switch (indication) {
            case "TOTAL_PASSED", "PASSED" -> 0;
            case "INDETERMINATE" -> 1;
            default -> 2;
        };
    }

    private static long min(long[] values) {
        long m = Long.MAX_VALUE;
        for (long v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static long max(long[] values) {
        long m = 0;
        for (long v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
