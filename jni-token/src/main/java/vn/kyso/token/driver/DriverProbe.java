package vn.kyso.token.driver;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries a token library in a short-lived child JVM ({@link DriverProbeMain}) so that a vendor library that crashes
 * or hangs in C_GetFunctionList or C_Initialize takes down the child, not the agent. The child inherits this
 * process's environment (SoftHSM2 needs {@code SOFTHSM2_CONF}, vendor libraries their own variables) and class path.
 */
public final class DriverProbe {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(DriverProbe.class);

    /** Time the killed child gets to be reaped, so no zombie or half-dead process is left behind. */
    private static final long REAP_SECONDS = 5;

    private final Duration timeout;

    public DriverProbe() {
        this(DEFAULT_TIMEOUT);
    }

    public DriverProbe(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("probe timeout must be positive: " + timeout);
        }
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Never throws for a bad library: every failure is an outcome. */
    public ProbeResult probe(Path library) {
        long started = System.nanoTime();
        Process process;
        try {
            process = childProcess(library).start();
        } catch (IOException e) {
            return result(library, ProbeOutcome.CRASHED, "could not start the probe process: " + e.getMessage(),
                    null, started);
        }
        closeQuietly(process);
        OutputCollector stdout = OutputCollector.start(process.getInputStream(), "kyso-probe-stdout");
        OutputCollector stderr = OutputCollector.start(process.getErrorStream(), "kyso-probe-stderr");

        boolean exited = waitFor(process, timeout.toMillis());
        if (!exited) {
            kill(process);
        }
        ProbeResult result = verdict(library, process, exited, stdout.text(), stderr.text(), started);
        if (!result.ok()) {
            LOG.warn("token library {} failed its probe: {} ({})", library, result.outcome(), result.reason());
        }
        return result;
    }

    private ProbeResult verdict(Path library, Process process, boolean exited, String out, String err,
                                long started) {
        var line = ProbeLine.find(out);
        if (line.isPresent()) {
            ProbeLine answer = line.get();
            String reason = exited ? answer.reason()
                    : (answer.reason() + " (it answered but did not exit within " + seconds() + "; stopped)").trim();
            return result(library, answer.outcome(), reason, answer, started);
        }
        if (!exited) {
            return result(library, ProbeOutcome.TIMED_OUT,
                    "no answer within " + seconds() + "; the probe process was killed", null, started);
        }
        String reason = "the probe process died without answering: "
                + ExitStatus.describe(process.exitValue(), Os.current()) + lastLine(err);
        return result(library, ProbeOutcome.CRASHED, reason, null, started);
    }

    private ProcessBuilder childProcess(Path library) {
        String javaHome = System.getProperty("java.home");
        String java = Path.of(javaHome, "bin", Os.current() == Os.WINDOWS ? "java.exe" : "java").toString();
        String errorFile = Path.of(System.getProperty("java.io.tmpdir"), "kyso-driver-probe-hs_err_%p.log")
                .toString();
        List<String> command = new ArrayList<>(List.of(java,
                // Small and quick to start: it only makes a handful of calls.
                "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                // A crash report, if the JVM writes one, goes to the temp directory, not the agent's directory.
                "-XX:ErrorFile=" + errorFile,
                "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"),
                DriverProbeMain.class.getName(),
                library.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        // Options meant for the agent JVM (a debugger agent on a fixed port, say) would break the child's start.
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        return builder;
    }

    private static boolean waitFor(Process process, long millis) {
        try {
            return process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Kills the child and anything the library started under it. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(REAP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Nothing is written to the child; a failed close changes nothing.
        }
    }

    private String seconds() {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static String lastLine(String err) {
        String last = err.lines().map(String::trim).filter(l -> !l.isEmpty()).reduce((a, b) -> b).orElse("");
        if (last.isEmpty()) {
            return "";
        }
        return "; last output: " + (last.length() > 300 ? last.substring(0, 300) + "…" : last);
    }

    private static ProbeResult result(Path library, ProbeOutcome outcome, String reason, ProbeLine line,
                                      long started) {
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        return new ProbeResult(library, outcome, reason, line == null ? null : line.info(),
                line == null ? null : line.slots(), duration);
    }
}
