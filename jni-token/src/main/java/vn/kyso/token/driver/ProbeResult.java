package vn.kyso.token.driver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The verdict of probing one library in a child process.
 *
 * @param path     the library probed
 * @param outcome  how it ended
 * @param reason   for a person: the PKCS#11 error, the exit code or signal, or the timeout; empty when OK
 * @param info     what the library reported, or {@code null} when it never got that far
 * @param slots    slot counts, or {@code null} when it never got that far
 * @param duration wall time including the child JVM's start
 */
public record ProbeResult(Path path, ProbeOutcome outcome, String reason, LibraryInfo info, SlotCounts slots,
                          Duration duration) {

    public ProbeResult {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(outcome, "outcome");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(duration, "duration");
    }

    public boolean ok() {
        return outcome == ProbeOutcome.OK;
    }
}
