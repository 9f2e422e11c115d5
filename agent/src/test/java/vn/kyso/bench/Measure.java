package vn.kyso.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;

/**
 * Wall time, peak heap and allocation of one operation, for the benchmarks of this package.
 *
 * <p>Peak heap: {@link System#gc()} before the run gives the baseline; a daemon thread polls
 * {@link MemoryMXBean#getHeapMemoryUsage()} about every millisecond while the operation runs; the result is
 * peak − baseline. It includes garbage not yet collected, so {@code scripts/bench.sh} runs these benchmarks with a
 * small fixed young generation (frequent young collections) to keep it close to what the operation holds at once.
 * Allocation: bytes allocated by the calling thread ({@code com.sun.management.ThreadMXBean}), which does not depend
 * on the collector and counts every copy of the document the operation makes.
 */
final class Measure {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Measure() {
    }

    interface Operation {
        void run() throws Exception;
    }

    record Sample(long nanos, long peakBytes, long allocatedBytes) {
    }

    static Sample run(Operation operation) throws Exception {
        settle();
        long baseline = MEMORY.getHeapMemoryUsage().getUsed();
        Poller poller = new Poller(baseline);
        Thread thread = new Thread(poller, "heap-poller");
        thread.setDaemon(true);
        thread.start();
        long allocated0 = THREADS.getCurrentThreadAllocatedBytes();
        long t0 = System.nanoTime();
        long nanos;
        long allocated;
        try {
            operation.run();
            nanos = System.nanoTime() - t0;
            allocated = THREADS.getCurrentThreadAllocatedBytes() - allocated0;
        } finally {
            poller.stop = true;
            thread.join();
        }
        poller.sample();
        return new Sample(nanos, poller.peak - baseline, allocated);
    }

    private static void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(30);
        System.gc();
        Thread.sleep(20);
    }

    private static final class Poller implements Runnable {
        volatile boolean stop;
        volatile long peak;

        Poller(long baseline) {
            this.peak = baseline;
        }

        void sample() {
            long used = MEMORY.getHeapMemoryUsage().getUsed();
            if (used > peak) {
                peak = used;
            }
        }

        @Override
        public void run() {
            while (!stop) {
                sample();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    static long median(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }

    static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
