package vn.kyso.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * {@link BoundedMemo}: never more than its capacity, also when many threads add at once; the oldest out first; keys
 * by content.
 */
class BoundedMemoTest {

    @Test
    void holdsAtMostItsCapacityAndDropsTheOldest() {
        BoundedMemo<Integer, String> memo = new BoundedMemo<>(3);
        AtomicInteger computed = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            memo.get(i, k -> "v" + k + "#" + computed.incrementAndGet());
        }
        String zero = memo.get(0, k -> "recomputed");
        for (int i = 3; i < 100; i++) {
            memo.get(i, k -> "v" + k + "#" + computed.incrementAndGet());
            assertEquals(Math.min(3, i + 1), memo.size());
        }
        assertEquals(3, memo.size());
        assertEquals("v99#100", memo.get(99, k -> "recomputed"));
        assertNotEquals(zero, memo.get(0, k -> "recomputed"), "0 was evicted, so it is computed again");
    }

    @Test
    void manyThreadsAddingAtOnceLeaveItWithinItsCapacityAndEveryAnswerRight() throws Exception {
        BoundedMemo<Integer, String> memo = new BoundedMemo<>(16);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        int key = (i * 7 + seed) % 64;
                        assertEquals("v" + key, memo.get(key, k -> "v" + k));
                    }
                }));
            }
            for (var future : done) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }
        int size = memo.size();
        assertTrue(size > 0 && size <= 16, size + " entries");
        assertEquals("computed", memo.get(null, k -> "computed"), "no key: computed, not remembered");
        assertEquals(size, memo.size());
    }

    @Test
    void aNullResultIsNotRememberedAndBytesCompareByContent() {
        BoundedMemo<BoundedMemo.Bytes, String> memo = new BoundedMemo<>(8);
        assertNull(memo.get(new BoundedMemo.Bytes(new byte[] {1}), k -> null));
        assertEquals(0, memo.size());
        byte[] key = {1, 2, 3};
        memo.get(new BoundedMemo.Bytes(key), k -> "first");
        key[0] = 9; // the caller's array changing later does not change the remembered key
        assertEquals("first", memo.get(new BoundedMemo.Bytes(new byte[] {1, 2, 3}), k -> "second"));
        assertEquals("other", memo.get(new BoundedMemo.Bytes(key), k -> "other"));
    }
}
