package vn.kyso.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/** What a connection keeps of its batches: one call per batch at a time, what each document became, 64 batches. */
class BatchStateTest {

    @Test
    void aBatchIsSignedByOneCallAtATimeAndRemembersWhatItSigned() throws Exception {
        SignPdfBatch.Batch batch = new SignPdfBatch.Batches().get("lo-1");
        assertTrue(batch.tryLock());
        try {
            assertFalse(CompletableFuture.supplyAsync(batch::tryLock).get(), "a second call got in");
            batch.signed("QĐ 1", Map.of("status", "SIGNED"));
        } finally {
            batch.unlock();
        }

        assertEquals(Map.of("status", "SIGNED"), batch.signed("QĐ 1"));
        assertNull(batch.signed("QĐ 2"));
    }

    @Test
    void theOldestBatchIsForgottenBeyondTheLimit() {
        SignPdfBatch.Batches batches = new SignPdfBatch.Batches();
        SignPdfBatch.Batch first = batches.get("0");
        assertSame(first, batches.get("0"));
        for (int i = 1; i <= SignPdfBatch.Batches.MAX; i++) {
            batches.get(String.valueOf(i));
        }

        assertNotSame(first, batches.get("0"), "the oldest batch was kept beyond " + SignPdfBatch.Batches.MAX);
    }
}
