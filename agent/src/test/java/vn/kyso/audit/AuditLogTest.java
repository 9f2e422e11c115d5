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
        assertEquals(5, v.lines());
        String text = Files.readString(log.file());
        assertTrue(text.contains("Nguyễn Văn An") && text.contains("Quyết định số 3.pdf") && text.contains("+07:00"));
        assertTrue(text.contains("\"result\":\"PIN_INCORRECT\""));
    }

    @Test
    void recentEntriesAreReadFromTheEndNewestFirst(@TempDir Path dir) throws Exception {
        assertEquals(List.of(), new AuditLog(dir.resolve("none.jsonl")).recent(5));
        AuditLog log = filled(dir, 2000); // larger than the window read from the end
        List<AuditLog.Entry> recent = log.recent(3);
        assertEquals(List.of(2000L, 1999L, 1998L), recent.stream().map(AuditLog.Entry::seq).toList());
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
        lines.set(2, lines.get(2).replace("\"result\":\"PIN_INCORRECT\"", "\"result\":\"OK\""));
        Files.write(log.file(), lines);
        AuditLog.Verification v = log.verify();
        assertFalse(v.intact());
        assertEquals(3, v.brokenAtLine());
        assertTrue(v.reason().contains("edited"), v.reason());
    }

    @Test
    void aDeletedLineIsFound(@TempDir Path dir) throws Exception {
        AuditLog log = filled(dir, 5);
        List<String> lines = new ArrayList<>(Files.readAllLines(log.file()));
        lines.remove(1);
        Files.write(log.file(), lines);
        AuditLog.Verification v = log.verify();
        assertFalse(v.intact());
        assertEquals(2, v.brokenAtLine());
    }

    @Test
    void linesCutOffTheEndAreFound(@TempDir Path dir) throws Exception {
        AuditLog log = filled(dir, 5);
        List<String> lines = new ArrayList<>(Files.readAllLines(log.file()));
        Files.write(log.file(), lines.subList(0, 4));
        AuditLog.Verification v = log.verify();
        assertFalse(v.intact());
        assertTrue(v.reason().contains("cut off the end"), v.reason());
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
        assertEquals(100, v.lines());
    }

    @Test
    void theCliExitsNonZeroOnTampering(@TempDir Path dir) throws Exception {
        AuditLog log = filled(dir, 3);
        assertEquals(0, run("audit", "verify", "--file", log.file().toString()));
        List<String> lines = new ArrayList<>(Files.readAllLines(log.file()));
        lines.set(0, lines.get(0).replace("Nguyễn Văn An", "Người khác"));
        Files.write(log.file(), lines);
        assertEquals(1, run("audit", "verify", "--file", log.file().toString()));
    }

    private static int run(String... args) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(sink, true, StandardCharsets.UTF_8);
        return Main.run(args, out, out);
    }
}
