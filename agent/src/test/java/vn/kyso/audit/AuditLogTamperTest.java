package vn.kyso.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.cli.Main;

/**
 * Every way of cutting the evidence that issue 13 found undetected, each done to a real log with the file system's
 * own tools: {@code kyso audit verify} must answer AUDIT_CORRUPT (exit 1, both languages) and never "intact".
 */
class AuditLogTamperTest {

    private static final String ORIGIN = "https://qlvb.ninhbinh.gov.vn";

    private static AuditLog filled(Path dir, int n) {
        AuditLog log = new AuditLog(dir.resolve("kyso").resolve("audit.jsonl"));
        for (int i = 1; i <= n; i++) {
            log.append(new AuditRecord(ORIGIN, "sign.pdf/approve", "Công văn " + i + ".pdf", "ab".repeat(32),
                    "cd".repeat(32), "Trần Thị Bình", i == 2 ? "CONSENT_REFUSED" : "OK"));
        }
        return log;
    }

    private static Path head(AuditLog log) {
        return log.file().resolveSibling("audit.jsonl.head");
    }

    private static Path marker(AuditLog log) {
        return log.file().resolveSibling("audit.jsonl.id");
    }

    private static void editLines(AuditLog log, Consumer<List<String>> edit) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(log.file(), StandardCharsets.UTF_8));
        edit.accept(lines);
        Files.write(log.file(), lines, StandardCharsets.UTF_8);
    }

    /** Runs {@code kyso audit verify} on the log: the exit code must be 1 and both texts name AUDIT_CORRUPT. */
    private static String assertCorrupt(AuditLog log) throws Exception {
        AuditLog.Verification v = new AuditLog(log.file()).verify();
        assertFalse(v.intact(), "reported intact");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(sink, true, StandardCharsets.UTF_8);
        int code = Main.run(new String[] {"audit", "verify", "--file", log.file().toString()}, out, out);
        String text = sink.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, text);
        assertTrue(text.contains("[AUDIT_CORRUPT] Nhật ký ký số") && text.contains("[AUDIT_CORRUPT] The signing audit log"),
                text);
        assertTrue(text.contains(v.reasonVi()) && text.contains(v.reasonEn()), text);
        return v.reasonEn();
    }

    @Test
    void anIntactLogIsIntactForTheCli(@TempDir Path dir) throws Exception {
        AuditLog log = filled(dir, 4);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(sink, true, StandardCharsets.UTF_8);
        assertEquals(0, Main.run(new String[] {"audit", "verify", "--file", log.file().toString()}, out,
                out), sink.toString(StandardCharsets.UTF_8));
        assertTrue(sink.toString(StandardCharsets.UTF_8).contains("(4 mục / entries)"));
        assertTrue(new AuditLog(dir.resolve("never-used.jsonl")).verify().intact(), "a log never written is empty");
    }

    @Test
    void aLogWithEntriesAndNoHeadIsCorrupt(@TempDir Path dir) throws Exception {
        AuditLog log = filled(dir, 3);
        Files.delete(head(log));
        assertTrue(assertCorrupt(log).contains("head is missing"));
    }

    @Test
    void aHeadWithoutItsLogIsCorrupt(@TempDir Path dir) throws Exception {
        AuditLog log = filled(dir, 3);
        Files.delete(log.file());
        assertTrue(assertCorrupt(log).contains("deleted or emptied"));
    }

    @Test
    void deletingTheLogAndItsHeadLeavesTheMarker(@TempDir Path dir) throws Exception {
        AuditLog log = filled(dir, 3);
        Files.delete(log.file());
        Files.delete(head(log));
        assertTrue(assertCorrupt(log).contains("marker"));
        // and the agent writing on does not make it whole again: the new log is not the one the marker names
        filled(dir, 1);
        assertTrue(assertCorrupt(log).contains("not the one created in this folder"));
    }

    @Test
    void anEmptiedLogIsCorrupt(@TempDir Path dir) throws Exception {
        AuditLog log = filled(dir, 3);
        Files.write(log.file(), new byte[0]);
        assertCorrupt(log);
    }

    @Test
    void aCutTailIsCorrupt(@TempDir Path dir) throws Exception {
        AuditLog log = filled(dir, 5);
        editLines(log, lines -> lines.remove(lines.size() - 1));
        assertTrue(assertCorrupt(log).contains("cut off"));
    }

    @Test
    void aLineCutInTheMiddleOfItsBytesIsCorrupt(@TempDir Path dir) throws Exception {
        AuditLog log = filled(dir, 5);
        byte[] bytes = Files.readAllBytes(log.file());
        Files.write(log.file(), java.util.Arrays.copyOf(bytes, bytes.length - 30));
        assertCorrupt(log);
    }

    @Test
    void aHugeInsertionWithoutLineBreaksIsReportedNotReadIntoMemory(@TempDir Path dir) throws Exception {
        AuditLog log = filled(dir, 2);
        try (var out = Files.newOutputStream(log.file(), java.nio.file.StandardOpenOption.APPEND)) {
            byte[] block = new byte[1 << 20];
            java.util.Arrays.fill(block, (byte) 'x');
            for (int i = 0; i < 64; i++) {
                out.write(block);
            }
        }
        assertTrue(assertCorrupt(log).contains("longer than any"));
    }

    @Test
    void theBeginningCutOffIsCorrupt(@TempDir Path dir) throws Exception {
        AuditLog log = filled(dir, 5);
        editLines(log, lines -> lines.subList(0, 2).clear());
        assertCorrupt(log);
    }

    @Test
    void aRemovedLineIsCorrupt(@TempDir Path dir) throws Exception {
        AuditLog log = filled(dir, 5);
        editLines(log, lines -> lines.remove(2)); // the refusal
        assertTrue(assertCorrupt(log).contains("sequence jumps"));
    }

    @Test
    void swappedLinesAreCorrupt(@TempDir Path dir) throws Exception {
        AuditLog log = filled(dir, 5);
        editLines(log, lines -> Collections.swap(lines, 2, 3));
        assertCorrupt(log);
    }

    @Test
    void aDuplicatedLineIsCorrupt(@TempDir Path dir) throws Exception {
        AuditLog log = filled(dir, 5);
        editLines(log, lines -> lines.add(3, lines.get(3)));
        assertCorrupt(log);
        AuditLog last = filled(dir.resolve("b"), 5);
        editLines(last, lines -> lines.add(lines.get(lines.size() - 1))); // the last line twice: head count differs
        assertCorrupt(last);
    }

    @Test
    void aDuplicateJsonKeyIsCorruptThoughAParserWouldReadTheLastValue(@TempDir Path dir) throws Exception {
        AuditLog log = filled(dir, 3);
        // a second "result" before the hash: lenient JSON readers take it and see the refusal as "OK"
        editLines(log, lines -> lines.set(2, lines.get(2).replace(",\"prev\":", ",\"result\":\"OK\",\"prev\":")));
        assertTrue(Files.readString(log.file()).contains("\"result\":\"CONSENT_REFUSED\""));
        String reason = assertCorrupt(log);
        assertTrue(reason.contains("repeats a key") || reason.contains("edited"), reason);
        // the same duplicate with the whole line rehashed by someone who knows the format is still caught
        List<String> lines = new ArrayList<>(Files.readAllLines(log.file(), StandardCharsets.UTF_8));
        String line = lines.get(2);
        String body = line.substring(0, line.lastIndexOf(",\"hash\":\""));
        lines.set(2, body + ",\"hash\":\"" + AuditLog.sha256(body.getBytes(StandardCharsets.UTF_8)) + "\"}");
        Files.write(log.file(), lines, StandardCharsets.UTF_8);
        assertTrue(assertCorrupt(log).contains("repeats a key"));
    }

    @Test
    void aLogReplacedByAnotherAgentsLogIsCorrupt(@TempDir Path dir) throws Exception {
        AuditLog log = filled(dir, 3);
        AuditLog other = filled(dir.resolve("other"), 1);
        Files.copy(other.file(), log.file(), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(head(other), head(log), StandardCopyOption.REPLACE_EXISTING);
        assertTrue(assertCorrupt(log).contains("replaced"));
        assertTrue(Files.exists(marker(log)));
    }
}
