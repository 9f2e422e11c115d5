package vn.kyso.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports requests refused for another OS user ({@code PEER_USER_MISMATCH}) for the audit log, folded so that a flood
 * of them cannot fill the disk: the first refusal at once, then at most one line per {@link #WINDOW} carrying how many
 * were refused since the previous line. The origin a refused caller sent is only a claim, so it is kept as sent
 * (cut short) for the person reading the log, never trusted.
 */
final class PeerRefusals {

    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(PeerRefusals.class);
    private static final int MAX_ORIGIN = 200;

    private final RefusalRecorder recorder;
    private final Clock clock;
    private Instant lastWritten;
    private long folded;

    PeerRefusals(RefusalRecorder recorder, Clock clock) {
        this.recorder = recorder;
        this.clock = clock;
    }

    void refused(String claimedOrigin) {
        long count;
        synchronized (this) {
            Instant now = clock.instant();
            folded++;
            if (lastWritten != null && now.isBefore(lastWritten.plus(WINDOW))) {
                return;
            }
            lastWritten = now;
            count = folded;
            folded = 0;
        }
        write(claimedOrigin, count);
    }

    /** Writes the refusals folded since the last line (at shutdown). */
    void flush() {
        long count;
        synchronized (this) {
            count = folded;
            folded = 0;
        }
        if (count > 0) {
            write(null, count);
        }
    }

    private void write(String claimedOrigin, long count) {
        String origin = claimedOrigin == null ? "(another OS user)"
                : "(another OS user, claimed " + shorten(claimedOrigin) + ")";
        LOG.warn("refused {} request(s) from another OS user", count);
        try {
            recorder.record(origin, count == 1 ? "connect" : "connect x" + count,
                    ServerError.PEER_USER_MISMATCH.code());
        } catch (RuntimeException e) {
            // a refusal is already answered; a full disk must not turn it into an error for the refused caller
            LOG.warn("audit of refused peers failed: {}", String.valueOf(e));
        }
    }

    private static String shorten(String text) {
        String printable = text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", "?");
        return printable.length() <= MAX_ORIGIN ? printable : printable.substring(0, MAX_ORIGIN) + "…";
    }
}
