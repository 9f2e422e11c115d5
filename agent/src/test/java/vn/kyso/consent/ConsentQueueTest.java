package vn.kyso.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void oneWindowAtATimeAndAPageCannotStackPrompts() throws Exception {
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
        }, 2);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Decision>> accepted = new ArrayList<>();
            accepted.add(pool.submit(() -> queue.ask(from("https://a.example"))));
            accepted.add(pool.submit(() -> queue.ask(from("https://a.example"))));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (asked.get() < 1 && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            Thread.sleep(100); // the second one is now waiting for its turn
            KysoException e = assertThrows(KysoException.class, () -> queue.ask(from("https://a.example")));
            assertEquals("TOO_MANY_PENDING_PROMPTS", e.code());
            assertTrue(e.messageVi().contains("https://a.example"));
            // another origin still gets in line
            accepted.add(pool.submit(() -> queue.ask(from("https://b.example"))));
            release.countDown();
            for (Future<Decision> f : accepted) {
                assertEquals(Decision.APPROVE, f.get(10, TimeUnit.SECONDS));
            }
            assertEquals(3, asked.get());
            assertEquals(1, mostAtOnce.get(), "never two windows at once");
            // the line is empty again: the origin may ask anew
            assertEquals(Decision.APPROVE, queue.ask(from("https://a.example")));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingPromptFreesItsPlace() {
        ConsentQueue queue = new ConsentQueue(request -> {
            throw new KysoException(vn.kyso.app.AgentError.CONSENT_UNAVAILABLE);
        }, 1);
        for (int i = 0; i < 3; i++) {
            assertEquals("CONSENT_UNAVAILABLE",
                    assertThrows(KysoException.class, () -> queue.ask(from("https://a.example"))).code());
        }
    }
}
