package vn.kyso.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JavaCheckTest {

    @Test
    void seventeenOrNewerIsOkOlderFails() {
        Check current = JavaCheck.check(Runtime.Version.parse("17.0.2"));
        Check old = JavaCheck.check(Runtime.Version.parse("11.0.21"));

        assertEquals(Check.Status.OK, current.status());
        assertTrue(current.en().startsWith("Java 17.0.2 ("), current.en());
        assertEquals(Check.Status.FAIL, old.status());
        assertTrue(old.vi().contains("quá cũ: cần Java 17 trở lên"), old.vi());
        assertTrue(old.en().endsWith("is too old: Java 17 or newer is needed"), old.en());
    }
}
