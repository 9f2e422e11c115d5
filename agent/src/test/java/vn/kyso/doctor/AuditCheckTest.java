package vn.kyso.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.audit.AuditLog;
import vn.kyso.audit.AuditRecord;

class AuditCheckTest {

    @TempDir
    Path dir;

    @Test
    void anIntactLogIsOkAnEditedOneFailsAtItsLine() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditLog log = new AuditLog(file);
        log.append(new AuditRecord("https://qlvb.ninhbinh.gov.vn", "sign.pdf/approve", "QĐ 1.pdf", "ab".repeat(32),
                "cd".repeat(32), "Nguyễn Văn An", "OK"));
        log.flush();

        Check intact = AuditCheck.check(file);
        Files.writeString(file, Files.readString(file).replace("QĐ 1.pdf", "QĐ 2.pdf"));
        Check edited = AuditCheck.check(file);

        assertEquals(Check.Status.OK, intact.status());
        assertEquals("Signing log intact (1 entries): " + file, intact.en());
        assertEquals(Check.Status.FAIL, edited.status());
        assertTrue(edited.en().startsWith("Signing log " + file + " was edited, cut or deleted at line 2: "), edited.en());
    }
}
