package vn.kyso.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a page can make the log spend (issue 13, attack 4: a 1,000,000-character document name made each refused
 * sign.pdf write a 1 MB line), who can read it, and old logs.
 */
class AuditLogBoundsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORIGIN = "https://qlvb.ninhbinh.gov.vn";

    private static AuditRecord refusal(String name) {
        return new AuditRecord(ORIGIN, "sign.pdf/approve", name, "ab".repeat(32), "", "", "CONSENT_REFUSED");
    }

    private static List<JsonNode> lines(AuditLog log) throws Exception {
        return Files.readAllLines(log.file(), StandardCharsets.UTF_8).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    void everyFieldIsCappedAndTheCutIsMarked(@TempDir Path dir) throws Exception {
        AuditLog log = new AuditLog(dir.resolve("audit.jsonl"));
        String huge = "Q".repeat(1_000_000);
        log.append(new AuditRecord("https://" + "a".repeat(5000) + ".gov.vn", "sign.pdf/" + "x".repeat(500), huge,
                "f".repeat(5000), "c".repeat(5000), "Nguyễn " + "Văn ".repeat(2000), "OK"));
        long size = Files.size(log.file());
        assertTrue(size < 2 * Fields.MAX_LINE, "log of " + size + " bytes for one entry");
        JsonNode entry = lines(log).get(1);
        assertEquals("Q".repeat(Fields.DOCUMENT) + "…[+" + (1_000_000 - Fields.DOCUMENT) + "]",
                entry.get("document").asText());
        for (String field : List.of("origin", "operation", "document_sha256", "certificate", "signer")) {
            assertTrue(entry.get(field).asText().matches("(?s).*…\\[\\+\\d+]"), field + ": " + entry.get(field));
        }
        assertTrue(log.verify().intact());
    }

    @Test
    void lineBreaksAndDirectionCharactersCannotFakeTheLog(@TempDir Path dir) throws Exception {
        AuditLog log = new AuditLog(dir.resolve("audit.jsonl"));
        log.append(refusal("a\u2028{\"seq\":9}\r\nb\u202Efdp.exe\u0000"));
        String text = Files.readString(log.file());
        assertEquals(2, text.lines().count(), text);
        JsonNode entry = lines(log).get(1);
        assertEquals("a\uFFFD{\"seq\":9}\uFFFD\uFFFDb\uFFFDfdp.exe\uFFFD", entry.get("document").asText());
        assertTrue(log.verify().intact());
    }

    @Test
    void aFloodOfIdenticalRefusalsWritesOneLineAndOneCount(@TempDir Path dir) throws Exception {
        AuditLogTest.TestClock clock = new AuditLogTest.TestClock();
        AuditLog log = new AuditLog(dir.resolve("audit.jsonl"), clock);
        String name = "N".repeat(1_000_000);
        for (int i = 0; i < 20; i++) { // the reproduction: 20 MB before
            log.append(refusal(name));
        }
        for (int i = 0; i < 20_000; i++) {
            log.append(refusal("Tờ trình.pdf"));
        }
        assertEquals(3, lines(log).size(), "creation + the first of each");
        clock.advance(AuditLog.WINDOW);
        log.flush();
        List<JsonNode> lines = lines(log);
        assertEquals(5, lines.size());
        assertEquals(19, lines.get(3).get("repeated").asLong());
        assertEquals(19_999, lines.get(4).get("repeated").asLong());
        assertEquals("Tờ trình.pdf", lines.get(4).get("document").asText());
        assertTrue(Files.size(log.file()) < 8 * 1024, Files.size(log.file()) + " bytes");
        System.out.println("20,020 refusals: " + lines.size() + " lines, " + Files.size(log.file()) + " bytes");
        assertTrue(log.verify().intact());
    }

    @Test
    void aFloodOfDifferentRefusalsWritesABoundedNumberOfLinesPerWindow(@TempDir Path dir) throws Exception {
        AuditLogTest.TestClock clock = new AuditLogTest.TestClock();
        AuditLog log = new AuditLog(dir.resolve("audit.jsonl"), clock);
        int windows = 30;
        int perWindow = 5_000;
        for (int w = 0; w < windows; w++) {
            for (int i = 0; i < perWindow; i++) {
                log.append(new AuditRecord("https://o" + (i % 20) + ".gov.vn", "sign.hash", "văn bản " + w + "-" + i,
                        "", "", "", i % 2 == 0 ? "CONSENT_REFUSED" : "INVALID_PARAMS"));
            }
            clock.advance(AuditLog.WINDOW);
        }
        log.flush();
        List<JsonNode> lines = lines(log);
        long total = lines.stream().skip(1).mapToLong(l -> l.has("repeated") ? l.get("repeated").asLong() : 1).sum();
        assertEquals((long) windows * perWindow, total, "every refusal is written or counted");
        // the first burst in full, then per window: one refilled line, its count, one count per origin (8 + the rest)
        long bound = 1 + AuditLog.DISTINCT_BURST + (long) windows * (2 + AuditLog.OVERFLOW_ORIGINS + 1);
        assertTrue(lines.size() <= bound, lines.size() + " lines for " + total + " refusals, bound " + bound);
        System.out.println(total + " different refusals in " + windows + " windows: " + lines.size() + " lines, "
                + Files.size(log.file()) + " bytes");
        assertTrue(log.verify().intact());
        // after a quiet quarter of an hour the allowance is back: an honest refused batch is recorded document by document
        clock.advance(AuditLog.WINDOW.multipliedBy(90));
        int before = lines(log).size();
        for (int i = 0; i < 50; i++) {
            log.append(refusal("Lô sau " + i + ".pdf"));
        }
        assertEquals(before + 50, lines(log).size());
        clock.advance(AuditLog.WINDOW);
        log.flush();
        assertEquals(before + 50, lines(log).size(), "nothing was folded");
        lines = lines(log);
        // signatures are never folded: each is on file before it is returned
        log.append(new AuditRecord(ORIGIN, "sign.hash", "", "ab".repeat(32), "cd", "An", "OK"));
        log.append(new AuditRecord(ORIGIN, "sign.hash", "", "ab".repeat(32), "cd", "An", "OK"));
        assertEquals(lines.size() + 2, lines(log).size());
    }

    /** Run in its own JVM by the test below: two identical refusals, then a normal exit inside the window. */
    public static final class TwoRefusalsAndExit {
        public static void main(String[] args) {
            AuditLog log = new AuditLog(Path.of(args[0]));
            log.append(refusal("Tờ trình.pdf"));
            log.append(refusal("Tờ trình.pdf"));
            log.append(refusal("Tờ trình.pdf"));
        }
    }

    @Test
    void countsStillFoldedAreWrittenWhenTheAgentStops(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), TwoRefusalsAndExit.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), output);
        List<JsonNode> lines = lines(new AuditLog(file));
        assertEquals(3, lines.size(), lines.toString());
        assertEquals(2, lines.get(2).get("repeated").asLong());
        assertTrue(new AuditLog(file).verify().intact());
    }

    @Test
    void theLogItsHeadAndItsFolderAreTheOwnersOnly(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("share").resolve("kyso");
        AuditLog log = new AuditLog(folder.resolve("audit.jsonl"));
        log.append(refusal("a.pdf"));
        assertEquals("rwx------", mode(folder));
        for (String name : List.of("audit.jsonl", "audit.jsonl.head", "audit.jsonl.id")) {
            assertEquals("rw-------", mode(folder.resolve(name)), name);
        }
        // a log left readable by an older agent (0644 in a 0755 folder) is made private by the next agent's first write
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(log.file(), PosixFilePermissions.fromString("rw-r--r--"));
        log = new AuditLog(log.file());
        log.append(refusal("b.pdf"));
        assertEquals("rwx------", mode(folder));
        assertEquals("rw-------", mode(log.file()));
        assertTrue(log.verify().intact());
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    /** A log as agents before the byte-exact chain wrote it: the hash over the parsed JSON, head "seq hash". */
    private static Path legacyLog(Path folder, int n) throws Exception {
        Files.createDirectories(folder);
        Path file = folder.resolve("audit.jsonl");
        StringBuilder text = new StringBuilder();
        String prev = AuditLog.GENESIS;
        for (int i = 1; i <= n; i++) {
            ObjectNode line = JSON.createObjectNode();
            line.put("seq", i).put("time", "2026-11-0" + i + "T08:00:00+07:00").put("origin", ORIGIN)
                    .put("operation", "sign.pdf/approve").put("document", "cũ " + i + ".pdf")
                    .put("document_sha256", "ab".repeat(32)).put("certificate", "cd").put("signer", "An")
                    .put("result", "OK").put("prev", prev);
            prev = AuditLog.sha256(line.toString().getBytes(StandardCharsets.UTF_8));
            line.put("hash", prev);
            text.append(line).append('\n');
        }
        Files.writeString(file, text);
        Files.writeString(folder.resolve("audit.jsonl.head"), n + " " + prev + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    @Test
    void anOldLogStaysReadableAndIsContinuedByANewOne(@TempDir Path dir) throws Exception {
        Path file = legacyLog(dir.resolve("kyso"), 3);
        byte[] old = Files.readAllBytes(file);
        AuditLog log = new AuditLog(file);
        AuditLog.Verification before = log.verify();
        assertTrue(before.intact(), before.reason());
        assertEquals(3, before.entries());
        assertTrue(before.reasonEn().contains("first format"), before.reasonEn());

        log.append(refusal("mới.pdf"));
        Path kept;
        try (var files = Files.list(file.getParent())) {
            kept = files.filter(p -> p.getFileName().toString().matches("audit-v1-\\d{8}-\\d{6}\\.jsonl")).findFirst()
                    .orElseThrow();
        }
        assertTrue(java.util.Arrays.equals(old, Files.readAllBytes(kept)), "the old log is kept byte for byte");
        assertEquals("rw-------", mode(kept));
        assertTrue(new AuditLog(kept).verify().intact(), "the old log still verifies where it was moved");
        JsonNode creation = lines(log).get(0);
        assertEquals(kept.getFileName().toString(), creation.get("continues").asText());
        assertEquals(AuditLog.sha256(old), creation.get("continues_sha256").asText());
        AuditLog.Verification after = log.verify();
        assertTrue(after.intact(), after.reason());
        assertEquals(1, after.entries());
        assertEquals("", after.reasonEn());

        // an old log edited before the upgrade is still reported
        Path edited = legacyLog(dir.resolve("other"), 3);
        Files.writeString(edited, Files.readString(edited).replace("cũ 2.pdf", "khác.pdf"));
        assertFalse(new AuditLog(edited).verify().intact());
    }
}
