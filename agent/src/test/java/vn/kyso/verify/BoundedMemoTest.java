package vn.kyso.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** {@link BoundedMemo}: never more than its capacity, least recently used out first, keys by content. */
class BoundedMemoTest {

    @Test
    void holdsAtMostItsCapacityAndDropsTheLeastRecentlyUsed() {
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
