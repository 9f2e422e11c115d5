package vn.kyso.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileCheckTest {

    @TempDir
    Path dir;

    @Test
    void itsFileMissingIsAWarningTheUsersIsOptional() {
        Path missing = dir.resolve("agent.properties");

        Check machine = ConfigFileCheck.machine().check(missing);
        Check user = ConfigFileCheck.user().check(missing);

        assertEquals(Check.Status.WARN, machine.status());
        assertEquals("No machine configuration " + missing + ": defaults apply, IT has allowed no web page",
                machine.en());
        assertEquals(Check.Status.OK, user.status());
        assertEquals("config.user", user.id());
    }

    @Test
    void aValidFileIsOkAnInvalidOneFailsWithTheKeyNamed() throws Exception {
        Path valid = Files.writeString(dir.resolve("valid.properties"), "server.port=18444\n");
        Path invalid = Files.writeString(dir.resolve("invalid.properties"), "server.port=abc\n");

        Check good = ConfigFileCheck.machine().check(valid);
        Check bad = ConfigFileCheck.machine().check(invalid);

        assertEquals(Check.Status.OK, good.status());
        assertEquals("Tệp cấu hình hợp lệ: " + valid, good.vi());
        assertEquals(Check.Status.FAIL, bad.status());
        assertTrue(bad.en().contains("server.port"), bad.en());
    }
}
