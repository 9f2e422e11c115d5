package vn.kyso.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.cli.Main;

class AuditLogTest {

    private static AuditRecord record(int i) {
        return new AuditRecord("https://qlvb.ninhbinh.gov.vn", "sign.pdf/approve", "Quyết định số " + i + ".pdf",
                "ab".repeat(32), "cd".repeat(32), "Nguyễn Văn An", i % 3 == 0 ? "PIN_INCORRECT" : "OK");
    }

    private static AuditLog filled(Path dir, int n) {
        AuditLog log = new AuditLog(dir.resolve("audit.jsonl"));
        for (int i = 1; i <= n; i++) {
            log.append(record(i));
        }
        return log;
    }

    @Test
    void anUntouchedLogVerifiesAndReadsLikeTheActs(@TempDir Path dir) throws Exception {
        AuditLog log = filled(dir, 5);
        AuditLog.Verification v = log.verify();
        assertTrue(v.intact(), v.reason());
        assertEquals(5, v.entries());
        String text = Files.readString(log.file());
        assertTrue(text.contains("Nguyễn Văn An") && text.contains("Quyết định số 3.pdf") && text.contains("+07:00"));
        assertTrue(text.contains("\"result\":\"PIN_INCORRECT\""));
    }

    @Test
    void recentEntriesAreReadFromTheEndNewestFirst(@TempDir Path dir) throws Exception {
        assertEquals(List.of(), new AuditLog(dir.resolve("none.jsonl")).recent(5));
        TestClock clock = new TestClock();
        AuditLog log = new AuditLog(dir.resolve("audit.jsonl"), clock);
        for (int i = 1; i <= 2000; i++) { // larger than the window read from the end
            log.append(record(i));
            clock.advance(AuditLog.WINDOW);
        }
        List<AuditLog.Entry> recent = log.recent(3);
        assertEquals(List.of(2001L, 2000L, 1999L), recent.stream().map(AuditLog.Entry::seq).toList()); // line 1: creation
        assertEquals("Quyết định số 2000.pdf", recent.get(0).document());
        assertEquals("sign.pdf/approve", recent.get(0).operation());
        assertEquals("PIN_INCORRECT", recent.get(2).result()); // 1998 is a multiple of 3
        assertTrue(recent.get(0).time().endsWith("+07:00"));
        assertEquals(2, filled(dir.resolve("small"), 2).recent(5).size());
    }

    @Test
    void anEditedLineIsFound(@TempDir Path dir) throws Exception {
        AuditLog log = filled(dir, 5);
        List<String> lines = new ArrayList<>(Files.readAllLines(log.file()));
        lines.set(3, lines.get(3).replace("\"result\":\"PIN_INCORRECT\"", "\"result\":\"OK\"")); // entry 3
        Files.write(log.file(), lines);
        AuditLog.Verification v = log.verify();
        assertFalse(v.intact());
        assertEquals(4, v.brokenAtLine());
        assertTrue(v.reason().contains("edited"), v.reason());
    }

    @Test
    void aDeletedLineIsFound(@TempDir Path dir) throws Exception {
        AuditLog log = filled(dir, 5);
        List<String> lines = new ArrayList<>(Files.readAllLines(log.file()));
        lines.remove(2);
        Files.write(log.file(), lines);
        AuditLog.Verification v = log.verify();
        assertFalse(v.intact());
        assertEquals(3, v.brokenAtLine());
    }

    @Test
    void linesCutOffTheEndAreFound(@TempDir Path dir) throws Exception {
        AuditLog log = filled(dir, 5);
        List<String> lines = new ArrayList<>(Files.readAllLines(log.file()));
        Files.write(log.file(), lines.subList(0, 4));
        AuditLog.Verification v = log.verify();
        assertFalse(v.intact());
        assertTrue(v.reason().contains("cut off"), v.reason());
    }

    @Test
    void concurrentAppendsKeepOneUnbrokenChain(@TempDir Path dir) throws Exception {
        AuditLog log = new AuditLog(dir.resolve("audit.jsonl"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 100; i++) {
            int n = i;
            pool.execute(() -> log.append(record(n)));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        AuditLog.Verification v = log.verify();
        assertTrue(v.intact(), v.reason());
        assertEquals(100, v.entries());
    }

    @Test
    void theCliExitsNonZeroOnTampering(@TempDir Path dir) throws Exception {
        AuditLog log = filled(dir, 3);
        assertEquals(0, run("audit", "verify", "--file", log.file().toString()));
        List<String> lines = new ArrayList<>(Files.readAllLines(log.file()));
        lines.set(1, lines.get(1).replace("Nguyễn Văn An", "Người khác"));
        Files.write(log.file(), lines);
        assertEquals(1, run("audit", "verify", "--file", log.file().toString()));
    }

    /** A clock the test moves by hand, to cross the folding window without waiting. */
    static final class TestClock extends java.time.Clock {
        private java.time.Instant now = java.time.Instant.parse("2026-12-03T01:00:00Z");

        void advance(java.time.Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    private static int run(String... args) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(sink, true, StandardCharsets.UTF_8);
        return Main.run(args, out, out);
    }
}
