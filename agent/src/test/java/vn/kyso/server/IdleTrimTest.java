package vn.kyso.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The idle trim's timing: once per quiet period, never while requests come, again after the next request. */
class IdleTrimTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void runsOnceAfterEachQuietPeriodAndNeverWhileRequestsCome() {
        AtomicLong now = new AtomicLong(1_000 * SECOND);
        AtomicInteger runs = new AtomicInteger();
        try (IdleTrim trim = new IdleTrim(Duration.ofSeconds(30), runs::incrementAndGet, now::get)) {
            now.addAndGet(10 * SECOND);
            assertEquals(20 * SECOND, trim.due(), "20 s of the quiet period left");
            assertEquals(0, runs.get());
            // requests every 20 s keep it from running
            for (int i = 0; i < 5; i++) {
                now.addAndGet(20 * SECOND);
                trim.activity();
                assertEquals(30 * SECOND, trim.due());
            }
            assertEquals(0, runs.get());
            now.addAndGet(30 * SECOND);
            assertEquals(-1, trim.due());
            assertEquals(1, runs.get());
            // nothing more until a request comes, however long the agent idles
            now.addAndGet(3600 * SECOND);
            assertEquals(-1, trim.due());
            assertEquals(1, runs.get());
            trim.activity();
            now.addAndGet(29 * SECOND);
            assertEquals(SECOND, trim.due());
            now.addAndGet(SECOND);
            assertEquals(-1, trim.due());
            assertEquals(2, runs.get());
        }
    }

    @Test
    void itsTimerRunsTheActionAfterTheQuietPeriodOnItsOwn() throws Exception {
        Semaphore ran = new Semaphore(0);
        AtomicInteger runs = new AtomicInteger();
        long started = System.nanoTime();
        try (IdleTrim trim = new IdleTrim(Duration.ofMillis(200), () -> {
            runs.incrementAndGet();
            ran.release();
        })) {
            assertTrue(ran.tryAcquire(20, TimeUnit.SECONDS), "ran after the first quiet period");
            assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(200), "not before it");
            long afterFirst = System.nanoTime();
            trim.activity();
            assertTrue(ran.tryAcquire(20, TimeUnit.SECONDS), "ran again after a request and a quiet period");
            assertTrue(System.nanoTime() - afterFirst >= TimeUnit.MILLISECONDS.toNanos(200));
            assertEquals(2, runs.get());
        }
    }

    @Test
    void aQuietPeriodMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new IdleTrim(Duration.ZERO, () -> { }));
    }
}
