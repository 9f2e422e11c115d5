package vn.kyso.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCheckTest {

    @TempDir
    Path dir;

    @Test
    void onlyTheOwnerMayReadTheSecret() throws Exception {
        Path secret = dir.resolve("local-secret");
        Check notYet = SecretCheck.check(secret);
        Files.writeString(secret, "a".repeat(64));
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        Check open = SecretCheck.check(secret);
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Check closed = SecretCheck.check(secret);

        assertEquals(Check.Status.OK, notYet.status());
        assertEquals(Check.Status.FAIL, open.status());
        assertEquals("Local secret " + secret + " has mode rw-r--r--: it must be rw------- (0600), or other users"
                + " can read it", open.en());
        assertEquals(Check.Status.OK, closed.status());
        assertEquals("Khóa bí mật cục bộ chỉ chủ sở hữu đọc được (0600): " + secret, closed.vi());
    }
}
