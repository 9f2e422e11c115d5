package vn.kyso.server;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs an action once the agent has had no request for {@code quiet}: then not again until a request came and another
 * quiet period passed. {@code kyso serve} gives it a full collection: the serial collector hands heap back to the
 * system (down to the free ratio of the launcher options) only when it collects the old generation, which an idle
 * agent otherwise never does — after the start, or after a large document, the heap would stay as large as it grew.
 *
 * <p>Nothing runs while requests come, and nothing wakes the idle agent after the action: one timer, set for the end
 * of the current quiet period.
 */
public final class IdleTrim implements AutoCloseable {

    private final long quietNanos;
    private final Runnable action;
    private final LongSupplier clock;
    private final ScheduledExecutorService timer;
    private long lastActivity;
    private boolean done;
    private ScheduledFuture<?> pending;

    /** Starts counting the first quiet period now. */
    public IdleTrim(Duration quiet, Runnable action) {
        this(quiet, action, System::nanoTime);
    }

    IdleTrim(Duration quiet, Runnable action, LongSupplier clock) {
        if (quiet.isNegative() || quiet.isZero()) {
            throw new IllegalArgumentException("IdleTrim: quiet must be positive, was " + quiet);
        }
        this.quietNanos = quiet.toNanos();
        this.action = action;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kyso-idle-trim");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        synchronized (this) {
            lastActivity = clock.getAsLong();
            schedule(quietNanos);
        }
    }

    /** A request came: the quiet period starts again, and the action may run once more after it. */
    public synchronized void activity() {
        lastActivity = clock.getAsLong();
        done = false;
        if (pending == null && !timer.isShutdown()) {
            schedule(quietNanos);
        }
    }

    /**
     * Runs the action when the quiet period has passed (once per quiet period). Returns the nanoseconds until it
     * should be asked again, or -1 when nothing is due until the next request.
     */
    synchronized long due() {
        if (done) {
            return -1;
        }
        long left = quietNanos - (clock.getAsLong() - lastActivity);
        if (left > 0) {
            return left;
        }
        done = true;
        action.run();
        return -1;
    }

    private void check() {
        synchronized (this) {
            pending = null;
        }
        long next = due();
        synchronized (this) {
            if (next > 0 && pending == null && !timer.isShutdown()) {
                schedule(next);
            }
        }
    }

    private void schedule(long nanos) {
        pending = timer.schedule(this::check, nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
