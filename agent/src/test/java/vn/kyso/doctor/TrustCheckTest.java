package vn.kyso.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.pki.TrustStore;
import vn.kyso.testpki.TestEnvironment;

class TrustCheckTest {

    @TempDir
    Path dir;

    @Test
    void bundledRootsAndItsDirectoryAreCounted() throws Exception {
        Files.write(dir.resolve("test-root.crt"), TestEnvironment.shared().pki().root().getEncoded());
        TrustStore trust = TrustStore.withBundledRoots();
        int bundled = trust.anchors().size();

        Check check = TrustCheck.check(trust, dir, Instant.now());

        assertEquals(Check.Status.OK, check.status(), check.en());
        assertEquals((bundled + 1) + " trusted roots (" + bundled + " bundled; 1 more from " + dir + ")", check.en());
    }

    @Test
    void aBadFileIsAWarningAMissingDirectoryAFailure() throws Exception {
        Files.writeString(dir.resolve("broken.crt"), "not a certificate");

        Check bad = TrustCheck.check(TrustStore.withBundledRoots(), dir, Instant.now());
        Check missing = TrustCheck.check(TrustStore.withBundledRoots(), dir.resolve("none"), Instant.now());

        assertEquals(Check.Status.WARN, bad.status());
        assertTrue(bad.en().endsWith(", 1 bad file(s) skipped"), bad.en());
        assertEquals(Check.Status.FAIL, missing.status());
        assertEquals("Thư mục chứng thư gốc " + dir.resolve("none") + " không tồn tại", missing.vi());
    }
}
