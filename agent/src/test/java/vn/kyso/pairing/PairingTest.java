package vn.kyso.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.pairing.Pairing.Result;
import vn.kyso.pairing.PairingPrompt.Answer;

class PairingTest {

    private static final String SITE = "https://dichvucong.ninhbinh.gov.vn";

    @TempDir
    Path dir;

    /** A person who answers from a script and counts how often they were asked. */
    static final class ScriptedPerson implements PairingPrompt {
        final List<String> asked = Collections.synchronizedList(new ArrayList<>());
        private final java.util.function.Function<String, Answer> script;

        ScriptedPerson(java.util.function.Function<String, Answer> script) {
            this.script = script;
        }

        @Override
        public Answer ask(String origin) {
            asked.add(origin);
            return script.apply(origin);
        }
    }

    private PairedOrigins store() {
        return new PairedOrigins(dir.resolve("paired-origins.json"));
    }

    @Test
    void onceLastsForThisRunOnly() {
        ScriptedPerson person = new ScriptedPerson(o -> Answer.ONCE);
        Pairing pairing = new Pairing(store(), person);
        assertEquals(Result.APPROVED_NOW, pairing.admit(SITE, true));
        assertEquals(Result.APPROVED, pairing.admit(SITE + ":443", true));
        assertEquals(Result.APPROVED, pairing.admit(SITE, false), "health of an approved origin needs no prompt");
        assertEquals(1, person.asked.size());
        assertEquals(java.util.Set.of(SITE), pairing.approvedOnce());
        assertFalse(Files.exists(dir.resolve("paired-origins.json")), "once is never written down");

        Pairing afterRestart = new Pairing(store(), null);
        assertFalse(afterRestart.isApproved(SITE));
        assertEquals(Result.NOT_ASKED, afterRestart.admit(SITE, true));
    }

    @Test
    void alwaysSurvivesARestartUntilRevoked() {
        Pairing pairing = new Pairing(store(), new ScriptedPerson(o -> Answer.ALWAYS));
        assertEquals(Result.APPROVED_NOW, pairing.admit(SITE, true));

        ScriptedPerson nobodyAsked = new ScriptedPerson(o -> Answer.DENY);
        Pairing afterRestart = new Pairing(store(), nobodyAsked);
        assertEquals(Result.APPROVED, afterRestart.admit(SITE, true));
        assertEquals(List.of(), nobodyAsked.asked);

        assertTrue(afterRestart.revoke(SITE));
        assertFalse(afterRestart.revoke(SITE));
        assertEquals(List.of(), store().list());
        assertEquals(Result.NOT_ASKED, afterRestart.admit(SITE, false));
    }

    @Test
    void denyIsRememberedForTheRunSoAPageCannotAskAgain() {
        ScriptedPerson person = new ScriptedPerson(o -> Answer.DENY);
        Pairing pairing = new Pairing(store(), person);
        assertEquals(Result.DENIED_NOW, pairing.admit(SITE, true));
        for (int i = 0; i < 20; i++) {
            assertEquals(Result.DENIED, pairing.admit(SITE, true));
        }
        assertEquals(1, person.asked.size());
        // another origin is still asked
        assertEquals(Result.DENIED_NOW, pairing.admit("https://other.example", true));
    }

    @Test
    void anUnansweredPromptKeepsTheOriginQuietForAWhile() {
        MutableClock clock = new MutableClock();
        ScriptedPerson person = new ScriptedPerson(o -> Answer.NO_ANSWER);
        Pairing pairing = new Pairing(store(), person, new Pairing.Limits(3, Duration.ofMinutes(5)), clock);
        assertEquals(Result.NO_ANSWER, pairing.admit(SITE, true));
        assertEquals(Result.QUIET, pairing.admit(SITE, true));
        clock.advance(Duration.ofMinutes(4));
        assertEquals(Result.QUIET, pairing.admit(SITE, true));
        clock.advance(Duration.ofMinutes(2));
        assertEquals(Result.NO_ANSWER, pairing.admit(SITE, true));
        assertEquals(2, person.asked.size());
    }

    @Test
    void onlyWebSocketUpgradesAskAndOnlyWellFormedSecureOriginsArePairable() {
        ScriptedPerson person = new ScriptedPerson(o -> Answer.ALWAYS);
        Pairing pairing = new Pairing(store(), person);
        assertEquals(Result.NOT_ASKED, pairing.admit(SITE, false));
        for (String bad : List.of("http://qlvb.ninhbinh.gov.vn", "http://10.0.0.5:8080", "null", "file://", "",
                "https://a.example/path", "chrome-extension://abcdef", "https://user@a.example")) {
            assertEquals(Result.NOT_PAIRABLE, pairing.admit(bad, true), bad);
        }
        assertEquals(List.of(), person.asked);
        assertTrue(Pairing.mayBePaired("http://localhost:3000"));
        assertTrue(Pairing.mayBePaired("http://127.0.0.1:8080"));
        assertTrue(Pairing.mayBePaired("http://[::1]:8080"));
        assertFalse(Pairing.mayBePaired("http://localhost.evil.example"));
    }

    @Test
    void aPromptThatFailsCountsAsNoAnswer() {
        Pairing pairing = new Pairing(store(), o -> {
            throw new IllegalStateException("display gone");
        });
        assertEquals(Result.NO_ANSWER, pairing.admit(SITE, true));
        assertFalse(pairing.isApproved(SITE));
    }

    @Test
    void aDamagedListApprovesNobodyAndDoesNotBreakTheGate() throws Exception {
        Files.writeString(dir.resolve("paired-origins.json"), "not json");
        Pairing pairing = new Pairing(store(), null);
        assertEquals(Result.NOT_ASKED, pairing.admit(SITE, true));
    }

    @Test
    void aPageSpammingRequestsGetsOnePrompt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ScriptedPerson person = new ScriptedPerson(o -> {
            await(release);
            return Answer.ALWAYS;
        });
        Pairing pairing = new Pairing(store(), person);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            Future<Result> first = pool.submit(() -> pairing.admit(SITE, true));
            waitUntil(() -> person.asked.size() == 1);
            List<Future<Result>> spam = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                spam.add(pool.submit(() -> pairing.admit(SITE, true)));
            }
            for (Future<Result> f : spam) {
                assertEquals(Result.PROMPT_OPEN, f.get(5, TimeUnit.SECONDS), "refused at once, not queued");
            }
            release.countDown();
            assertEquals(Result.APPROVED_NOW, first.get(5, TimeUnit.SECONDS));
            assertEquals(Result.APPROVED, pairing.admit(SITE, true));
            assertEquals(1, person.asked.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onlyAFewPromptsAreOpenAtOnceOverAllOrigins() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger open = new AtomicInteger();
        Map<String, Result> results = new ConcurrentHashMap<>();
        ScriptedPerson person = new ScriptedPerson(o -> {
            open.incrementAndGet();
            await(release);
            return Answer.DENY;
        });
        Pairing pairing = new Pairing(store(), person, new Pairing.Limits(2, Duration.ofMinutes(5)),
                Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> waiting = new ArrayList<>();
            for (String site : List.of("https://a.example", "https://b.example")) {
                waiting.add(pool.submit(() -> results.put(site, pairing.admit(site, true))));
            }
            waitUntil(() -> open.get() == 2);
            assertEquals(Result.TOO_MANY_PROMPTS, pairing.admit("https://c.example", true));
            release.countDown();
            for (Future<?> f : waiting) {
                f.get(5, TimeUnit.SECONDS);
            }
            assertEquals(Map.of("https://a.example", Result.DENIED_NOW, "https://b.example", Result.DENIED_NOW), results);
            // the slot is free again and c was never marked as answered
            assertEquals(Result.DENIED_NOW, pairing.admit("https://c.example", true));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void listenersHearEveryChange() {
        AtomicInteger changes = new AtomicInteger();
        Pairing pairing = new Pairing(store(), o -> Answer.ONCE);
        pairing.addListener(changes::incrementAndGet);
        pairing.admit(SITE, true);
        pairing.revoke(SITE);
        assertEquals(2, changes.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not reached");
            }
            Thread.sleep(10);
        }
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-27T07:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
