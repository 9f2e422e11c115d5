package vn.kyso.token.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.testpki.SoftHsmFixture;
import vn.kyso.testpki.TestEnvironment;

class DriverProbeTest {

    @TempDir
    static Path libs;

    @BeforeAll
    static void tokensExist() {
        TestEnvironment.shared();
    }

    @Test
    void softHsmProbesOkWithItsTokensInTheInheritedConfiguration() {
        ProbeResult result = new DriverProbe().probe(SoftHsmFixture.findLibrary());

        assertEquals(ProbeOutcome.OK, result.outcome(), result.reason());
        assertEquals(SoftHsmFixture.findLibrary(), result.path());
        assertEquals("", result.reason());
        assertTrue(result.info().manufacturer().contains("SoftHSM"), result.info().toString());
        assertFalse(result.info().cryptokiVersion().isBlank());
        // The child only sees the fixture's tokens if SOFTHSM2_CONF reached it.
        assertTrue(result.slots().withToken() >= SoftHsmFixture.STANDARD_TOKENS.size(), result.slots().toString());
        assertTrue(result.slots().all() >= result.slots().withToken(), result.slots().toString());
        assertTrue(result.duration().compareTo(Duration.ZERO) > 0);
    }

    @Test
    void aTextFileFailsToLoad() throws IOException {
        Path notLibrary = Files.writeString(libs.resolve("readme-p11.so"), "this is not a shared library\n");

        ProbeResult result = new DriverProbe().probe(notLibrary);

        assertEquals(ProbeOutcome.LOAD_FAILED, result.outcome(), result.reason());
        assertEquals(notLibrary, result.path());
        assertFalse(result.reason().isBlank());
        assertNull(result.info());
        assertNull(result.slots());
    }

    @Test
    void aLibraryThatAbortsCrashesTheChildNotUs() throws IOException {
        Path aborts = FakeLibraries.build(libs, "aborts", FakeLibraries.ABORTS);

        ProbeResult result = new DriverProbe().probe(aborts);

        assertEquals(ProbeOutcome.CRASHED, result.outcome(), result.reason());
        assertTrue(result.reason().contains("SIGABRT"), result.reason());
        assertNoChildProbing(aborts);
        // Still here: the abort happened in the child.
        assertTrue(ProcessHandle.current().isAlive());
    }

    @Test
    void aLibraryThatHangsTimesOutAndIsKilled() throws IOException {
        Path hangs = FakeLibraries.build(libs, "hangs", FakeLibraries.HANGS);
        Duration timeout = Duration.ofSeconds(2);

        ProbeResult result = new DriverProbe(timeout).probe(hangs);

        assertEquals(ProbeOutcome.TIMED_OUT, result.outcome(), result.reason());
        assertTrue(result.reason().contains("2 s"), result.reason());
        assertTrue(result.duration().compareTo(timeout) >= 0, result.duration().toString());
        assertTrue(result.duration().compareTo(timeout.plusSeconds(8)) < 0, result.duration().toString());
        assertNoChildProbing(hangs);
    }

    @Test
    void aLibraryWhoseInitialiseFailsIsReportedWithThePkcs11Error() throws IOException {
        ProbeResult result = new DriverProbe().probe(FakeLibraries.initFails(libs));

        assertEquals(ProbeOutcome.INIT_FAILED, result.outcome(), result.reason());
        assertTrue(result.reason().contains("CKR_GENERAL_ERROR"), result.reason());
    }

    @Test
    void aMinimalLibraryReportsWhatItSaysAboutItself() throws IOException {
        ProbeResult result = new DriverProbe().probe(FakeLibraries.minimal(libs));

        assertEquals(ProbeOutcome.OK, result.outcome(), result.reason());
        assertEquals(new LibraryInfo("Kyso minimal PKCS11", "Kyso Test", "1.2", "2.40"), result.info());
        assertEquals(new SlotCounts(1, 0), result.slots());
    }

    @Test
    void vendorNoiseOnStdoutDoesNotHideTheAnswer() throws IOException {
        ProbeResult result = new DriverProbe().probe(FakeLibraries.noisy(libs));

        assertEquals(ProbeOutcome.OK, result.outcome(), result.reason());
        assertEquals("Kyso Test", result.info().manufacturer());
    }

    @Test
    void aFloodOfVendorOutputDoesNotHideTheAnswer() throws IOException {
        ProbeResult result = new DriverProbe().probe(FakeLibraries.chatty(libs));

        assertEquals(ProbeOutcome.OK, result.outcome(), result.reason());
        assertEquals(new SlotCounts(1, 0), result.slots());
    }

    @Test
    void timeoutMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new DriverProbe(Duration.ZERO));
        assertEquals(DriverProbe.DEFAULT_TIMEOUT, new DriverProbe().timeout());
        assertEquals(Duration.ofSeconds(10), DriverProbe.DEFAULT_TIMEOUT);
    }

    private static void assertNoChildProbing(Path library) {
        long alive = ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains(library.toString())).orElse(false))
                .count();
        assertEquals(0, alive, "a probe child for " + library + " is still running");
    }
}
