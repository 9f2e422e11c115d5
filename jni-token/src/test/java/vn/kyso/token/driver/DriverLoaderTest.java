package vn.kyso.token.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;

import vn.kyso.testpki.SoftHsmFixture;
import vn.kyso.testpki.TestEnvironment;

class DriverLoaderTest {

    @TempDir
    static Path libs;

    private static final DriverLoader LOADER = new DriverLoader(new DriverProbe(Duration.ofSeconds(5)));

    /** Modules a test loaded: SoftHSM2 may be initialised only once per process at a time. */
    private final List<PKCS11Module> loaded = new ArrayList<>();

    @BeforeAll
    static void tokensExist() {
        TestEnvironment.shared();
    }

    @AfterEach
    void finalizeLoaded() {
        for (PKCS11Module module : loaded) {
            try {
                module.finalize(null);
            } catch (PKCS11Exception e) {
                // Several handles may share one library; the first finalize did the job.
            }
        }
    }

    @Test
    void cataloguedSoftHsmLoadsInProcess() throws Exception {
        DriverCandidate softHsm = catalogued("softhsm2");

        DriverStatus status = keep(LOADER.load(softHsm));

        assertEquals(DriverState.LOADED, status.state(), status.reason());
        assertEquals(softHsm.path(), status.path());
        assertNull(status.probe(), "catalogued libraries are trusted without a probe");
        assertTrue(status.module().getSlotList(true).length >= SoftHsmFixture.STANDARD_TOKENS.size());
    }

    @Test
    void aLibraryAlreadyInitialisedInThisProcessCountsAsLoaded() {
        DriverCandidate softHsm = catalogued("softhsm2");

        DriverStatus first = keep(LOADER.load(softHsm));
        DriverStatus second = keep(LOADER.load(softHsm));

        assertEquals(DriverState.LOADED, first.state(), first.reason());
        assertEquals(DriverState.LOADED, second.state(), "CKR_CRYPTOKI_ALREADY_INITIALIZED: " + second.reason());
    }

    @Test
    void aMissingCataloguedFileFailsWithAReasonInsteadOfThrowing() {
        KnownDriver softHsm = DriverCatalogue.forCurrentOs().find("softhsm2").orElseThrow();
        Path missing = libs.resolve("gone/libsofthsm2.so");

        DriverStatus status = LOADER.load(new DriverCandidate(missing, missing, DriverSource.CATALOGUE, softHsm));

        assertEquals(DriverState.FAILED, status.state());
        assertEquals(missing, status.path());
        assertFalse(status.reason().isBlank());
        assertNull(status.module());
    }

    @Test
    void aKnownLibraryWhoseInitialiseFailsIsFailedWithThePkcs11Error() throws IOException {
        Path initFails = FakeLibraries.initFails(libs);
        KnownDriver anyKnown = DriverCatalogue.forCurrentOs().drivers().get(0);

        DriverStatus status = LOADER.load(
                new DriverCandidate(initFails, initFails.toRealPath(), DriverSource.CATALOGUE, anyKnown));

        assertEquals(DriverState.FAILED, status.state());
        assertEquals("C_Initialize: CKR_GENERAL_ERROR", status.reason());
    }

    @Test
    void anUnknownCrashingLibraryIsSkippedAndNeverLoadedHere() throws IOException {
        Path aborts = FakeLibraries.build(libs, "admin-aborts", FakeLibraries.ABORTS);
        DriverCandidate candidate = adminCandidate(aborts);

        DriverStatus status = LOADER.load(candidate);

        assertEquals(DriverState.SKIPPED_PROBE_FAILED, status.state());
        assertEquals(ProbeOutcome.CRASHED, status.probe().outcome());
        assertTrue(status.reason().startsWith("probe CRASHED"), status.reason());
        assertNull(status.module());
        assertFalse(mappedIntoThisProcess(candidate.realPath()), "the crashing library must never be dlopen'd here");
    }

    @Test
    void anUnknownLibraryWhoseInitialiseFailsIsSkippedAndNeverLoadedHere() throws IOException {
        DriverCandidate candidate = adminCandidate(FakeLibraries.initFails(libs, "admin-init-fails"));

        DriverStatus status = LOADER.load(candidate);

        assertEquals(DriverState.SKIPPED_PROBE_FAILED, status.state());
        assertEquals(ProbeOutcome.INIT_FAILED, status.probe().outcome());
        assertFalse(mappedIntoThisProcess(candidate.realPath()));
    }

    @Test
    void anUnknownLibraryThatProbesOkIsThenLoaded() throws Exception {
        DriverCandidate candidate = adminCandidate(FakeLibraries.minimal(libs));

        DriverStatus status = keep(LOADER.load(candidate));

        assertEquals(DriverState.LOADED, status.state(), status.reason());
        assertNotNull(status.probe());
        assertEquals(ProbeOutcome.OK, status.probe().outcome());
        assertEquals("Kyso Test", status.module().getInfo().getManufacturerID().trim());
        assertTrue(mappedIntoThisProcess(candidate.realPath()));
    }

    @Test
    void oneBadLibraryDoesNotStopTheOthers() throws IOException {
        Path aborts = FakeLibraries.build(libs, "admin-aborts-too", FakeLibraries.ABORTS);

        List<DriverStatus> statuses = LOADER.loadAll(List.of(adminCandidate(aborts), catalogued("softhsm2")));
        statuses.forEach(this::keep);

        assertEquals(DriverState.SKIPPED_PROBE_FAILED, statuses.get(0).state());
        assertEquals(DriverState.LOADED, statuses.get(1).state(), statuses.get(1).reason());
    }

    private DriverStatus keep(DriverStatus status) {
        if (status.module() != null) {
            loaded.add(status.module());
        }
        return status;
    }

    private static DriverCandidate catalogued(String id) {
        return DriverCatalogue.forCurrentOs().present(List.of()).stream()
                .filter(c -> !c.unknown() && c.known().id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not present on this machine"));
    }

    private static DriverCandidate adminCandidate(Path library) {
        DriverCandidate candidate = DriverCatalogue.forCurrentOs().present(List.of(library)).get(0);
        assertEquals(DriverSource.ADMIN_CONFIG, candidate.source());
        assertTrue(candidate.unknown());
        return candidate;
    }

    /** Linux shows every file mapped into the process in /proc/self/maps. */
    private static boolean mappedIntoThisProcess(Path library) throws IOException {
        return Files.readString(Path.of("/proc/self/maps")).contains(library.toString());
    }
}
