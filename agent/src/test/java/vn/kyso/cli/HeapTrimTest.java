package vn.kyso.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The idle trim gives a grown serial heap back in one quiet period, and stops when there is nothing to give. */
class HeapTrimTest {

    /** A serial old generation as HotSpot damps it: 0 %, 10 %, 40 %, then all of the excess. */
    private static final class DampedHeap implements HeapTrim.Heap {
        private static final int[] STEPS = {0, 10, 40, 100};
        private final long used;
        private long committed;
        private int calls;

        DampedHeap(long used, long committed) {
            this.used = used;
            this.committed = committed;
        }

        @Override
        public void collect() {
            long excess = Math.max(0, committed - used * 10 / 7); // MaxHeapFreeRatio=30
            committed -= excess * STEPS[Math.min(calls++, STEPS.length - 1)] / 100;
        }

        @Override
        public long committed() {
            return committed;
        }

        @Override
        public long free() {
            return committed - used;
        }
    }

    @Test
    void keepsCollectingThroughTheDampedStepsUntilTheExcessIsGone() {
        DampedHeap heap = new DampedHeap(8 << 20, 140 << 20);
        assertEquals(HeapTrim.MAX_COLLECTIONS, HeapTrim.run(heap));
        assertTrue(heap.committed() <= (8 << 20) * 10 / 7 + 1, "left " + heap.committed());
    }

    @Test
    void oneCollectionWhenTheHeapHasNoExcess() {
        DampedHeap heap = new DampedHeap(8 << 20, 10 << 20);
        assertEquals(1, HeapTrim.run(heap));
    }

    /** The real collector, with the launcher's options: a heap grown to 140 MB is back under 30 MB after one trim. */
    @Test
    void theSerialCollectorWithTheLaunchersOptionsGivesTheHeapBack() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:+UseSerialGC", "-Xms12m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30",
                "-XX:MinHeapDeltaBytes=8m", "-cp", System.getProperty("java.class.path"),
                HeapTrimProbe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "probe still running");
        } finally {
            process.destroyForcibly();
        }
        assertEquals(0, process.exitValue(), output);
        String[] mb = output.lines().reduce((a, b) -> b).orElseThrow().split(" ");
        long grown = Long.parseLong(mb[0]);
        long oneCollection = Long.parseLong(mb[1]);
        long trimmed = Long.parseLong(mb[2]);
        assertTrue(grown >= 100, output);
        assertTrue(oneCollection >= 100, "a single System.gc() kept the heap (the damped first step): " + output);
        assertTrue(trimmed < 30, "heap after the trim, MB: " + output);
    }

    /** Run in its own JVM: grows the heap, drops it, prints committed MB when grown, after one gc, after the trim. */
    static final class HeapTrimProbe {
        public static void main(String[] args) throws IOException {
            List<byte[]> kept = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                kept.add(new byte[1 << 20]);
            }
            long grown = Runtime.getRuntime().totalMemory() >> 20;
            kept.clear();
            System.gc();
            long oneCollection = Runtime.getRuntime().totalMemory() >> 20;
            HeapTrim.run();
            System.out.println(grown + " " + oneCollection + " " + (Runtime.getRuntime().totalMemory() >> 20));
        }
    }
}
