package vn.kyso.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import vn.kyso.consent.ConsentPrompt.Decision;
import vn.kyso.errors.KysoException;

class ConsentQueueTest {

    private static ConsentRequest from(String origin) {
        return new ConsentRequest(origin, "Ký phê duyệt", "Approve", "a.pdf", 1, "00", "CN=An", "Token", false);
    }

    @Test
    void oneWindowAtATimeAndAWaiterGivenUpIsRefusedWithoutAWindow() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger showing = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger asked = new AtomicInteger();
        ConsentQueue queue = new ConsentQueue(request -> {
            asked.incrementAndGet();
            mostAtOnce.accumulateAndGet(showing.incrementAndGet(), Math::max);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            showing.decrementAndGet();
            return Decision.APPROVE;
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Decision>> waiting = new ArrayList<>();
            for (String origin : List.of("https://a.example", "https://a.example", "https://b.example")) {
                waiting.add(pool.submit(() -> queue.ask(from(origin))));
            }
            Future<Decision> givenUp = pool.submit(() -> queue.ask(from("https://c.example")));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (asked.get() < 1 && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            Thread.sleep(100); // the others now wait for their turn
            givenUp.cancel(true); // what the server's request time-out does to its worker
            release.countDown();
            for (Future<Decision> f : waiting) {
                assertEquals(Decision.APPROVE, f.get(10, TimeUnit.SECONDS));
            }
            assertEquals(3, asked.get(), "the request given up never showed a window");
            assertEquals(1, mostAtOnce.get(), "never two windows at once");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingPromptFreesTheLine() {
        ConsentQueue queue = new ConsentQueue(request -> {
            throw new KysoException(ConsentError.CONSENT_UNAVAILABLE);
        });
        for (int i = 0; i < 3; i++) {
            assertEquals("CONSENT_UNAVAILABLE",
                    assertThrows(KysoException.class, () -> queue.ask(from("https://a.example"))).code());
        }
    }
}
