package vn.kyso.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.testpki.TestEnvironment;

/** Against SoftHSM2: the driver loads, the test tokens and their certificates are found and kept. */
class TokenCheckTest {

    @TempDir
    Path dir;

    @Test
    void namesTheDriverAndTheTokensAndKeepsTheCertificates() throws Exception {
        TestEnvironment env = TestEnvironment.shared();
        Install install = DoctorFixture.install(dir, List.of(), "token.libraries=" + env.softHsm().library(),
                "token.discover=false");

        List<Check> checks = new TokenCheck().run(install);

        assertEquals(List.of("drivers", "tokens"), checks.stream().map(Check::id).toList());
        assertEquals(Check.Status.OK, checks.get(0).status());
        assertTrue(checks.get(0).en().startsWith("Drivers loaded: ") && checks.get(0).en().contains("libsofthsm2.so"));
        assertTrue(checks.get(1).vi().contains("chứng thư số"), checks.get(1).vi());
        assertFalse(install.certificates().isEmpty());
    }

    @Test
    void aLibraryThatDoesNotLoadFailsTheDriversLine() throws Exception {
        Install install = DoctorFixture.install(dir, List.of(), "token.libraries=" + dir.resolve("missing.so"),
                "token.discover=false");

        List<Check> checks = new TokenCheck().run(install);

        assertEquals(Check.Status.FAIL, checks.get(0).status());
        assertTrue(checks.get(0).en().startsWith("No token driver loaded"), checks.get(0).en());
    }
}
