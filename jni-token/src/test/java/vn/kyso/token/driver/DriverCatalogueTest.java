package vn.kyso.token.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.testpki.SoftHsmFixture;

class DriverCatalogueTest {

    @TempDir
    Path temp;

    @Test
    void windowsCatalogueHasGovernmentTokensPublicCasAndTestLibraries() {
        DriverCatalogue windows = DriverCatalogue.forOs(Os.WINDOWS);

        assertLocation(windows, "bit4id-xpki", "C:\\Windows\\System32\\bit4xpki.dll");
        assertLocation(windows, "safenet-etoken", "C:\\Windows\\System32\\eTPKCS11.dll");
        assertLocation(windows, "vnpt-ca", "C:\\Windows\\System32\\vnptca_p11_v8.dll");
        assertLocation(windows, "vnpt-ca", "C:\\Windows\\System32\\vnpt-ca_csp11.dll");
        assertLocation(windows, "viettel-ca", "C:\\Windows\\System32\\viettel-ca_v6.dll");
        assertLocation(windows, "bkav-ca", "C:\\Windows\\System32\\BkavCA.dll");
        assertLocation(windows, "fpt-ca", "C:\\Windows\\System32\\fpt-ca.dll");
        assertLocation(windows, "ca2-nacencomm", "C:\\Windows\\System32\\CA2_csp11.dll");
        assertLocation(windows, "newtel-ca", "C:\\Windows\\System32\\NEWTEL-CA.dll");
        assertLocation(windows, "misa-ca", "C:\\Windows\\System32\\misaca_csp11_v2.dll");
        assertLocation(windows, "efy-ca", "C:\\Windows\\System32\\efy-ca_v1.dll");
        assertLocation(windows, "opensc", "C:\\Program Files\\OpenSC Project\\OpenSC\\pkcs11\\opensc-pkcs11.dll");
        assertLocation(windows, "softhsm2", "C:\\SoftHSM2\\lib\\softhsm2-x64.dll");
        // 32-bit copies cannot load into the 64-bit agent.
        windows.drivers().forEach(d -> windows.locations(d).forEach(l -> assertFalse(l.contains("SysWOW64"), l)));
    }

    @Test
    void linuxCatalogueListsOnlyLibrariesWithKnownLinuxLocations() {
        DriverCatalogue linux = DriverCatalogue.forOs(Os.LINUX);

        assertLocation(linux, "bit4id-xpki", "/usr/lib/libbit4xpki.so");
        assertLocation(linux, "bit4id-xpki", "/usr/lib/bit4id/libbit4xpki.so");
        assertLocation(linux, "safenet-etoken", "/usr/lib/libeTPkcs11.so");
        assertLocation(linux, "softhsm2", "/usr/lib/softhsm/libsofthsm2.so");
        assertLocation(linux, "softhsm2", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so");
        assertLocation(linux, "opensc", "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so");
        // Vietnamese public CAs publish no Linux locations; none are invented.
        assertTrue(linux.find("viettel-ca").isEmpty());
        assertTrue(linux.find("vnpt-ca").isEmpty());
    }

    @Test
    void macCatalogueHasVendorLocations() {
        DriverCatalogue mac = DriverCatalogue.forOs(Os.MACOS);

        assertLocation(mac, "bit4id-xpki", "/Library/bit4id/pkcs11/libbit4xpki.dylib");
        assertLocation(mac, "safenet-etoken", "/usr/local/lib/libeTPkcs11.dylib");
        assertLocation(mac, "softhsm2", "/opt/homebrew/lib/softhsm/libsofthsm2.so");
        assertLocation(mac, "opensc", "/Library/OpenSC/lib/opensc-pkcs11.so");
    }

    @Test
    void entriesHaveUniqueIdsAndDescriptionsInBothLanguages() {
        Set<String> ids = new HashSet<>();
        for (KnownDriver driver : KnownDrivers.ALL) {
            assertTrue(ids.add(driver.id()), "duplicate id " + driver.id());
            assertFalse(driver.servesVi().isBlank(), driver.id());
            assertFalse(driver.servesEn().isBlank(), driver.id());
            assertFalse(driver.vendor().isBlank(), driver.id());
            assertFalse(driver.locations().isEmpty(), driver.id());
        }
    }

    @Test
    void windowsVariablesFollowTheEnvironmentThenStockDefaults() {
        Map<String, String> env = Map.of("SystemRoot", "D:\\WINNT");
        assertEquals("D:\\WINNT\\System32\\bit4xpki.dll",
                PathTemplate.expand("%SystemRoot%\\System32\\bit4xpki.dll", env::get));
        assertEquals("C:\\Program Files\\OpenSC Project\\x.dll",
                PathTemplate.expand("%ProgramFiles%\\OpenSC Project\\x.dll", env::get));
        assertEquals("/usr/lib/libbit4xpki.so", PathTemplate.expand("/usr/lib/libbit4xpki.so", env::get));
    }

    @Test
    void operatingSystemNamesMapToTheThreeTargets() {
        assertEquals(Os.WINDOWS, Os.fromName("Windows 11"));
        assertEquals(Os.MACOS, Os.fromName("Mac OS X"));
        assertEquals(Os.LINUX, Os.fromName("Linux"));
    }

    @Test
    void presentFindsSoftHsmOnceThoughTwoCataloguedPathsReachTheSameFile() throws IOException {
        Path real = SoftHsmFixture.findLibrary().toRealPath();

        List<DriverCandidate> present = DriverCatalogue.forCurrentOs().present(List.of());

        List<DriverCandidate> softHsm = present.stream().filter(c -> c.realPath().equals(real)).toList();
        assertEquals(1, softHsm.size(), present.toString());
        assertEquals(DriverSource.CATALOGUE, softHsm.get(0).source());
        assertEquals("softhsm2", softHsm.get(0).known().id());
        assertFalse(softHsm.get(0).unknown());
        assertNoRealPathTwice(present);
    }

    @Test
    void adminSymlinkToSoftHsmComesFirstAndReplacesTheCataloguedCopy() throws IOException {
        Path real = SoftHsmFixture.findLibrary().toRealPath();
        Path link = Files.createSymbolicLink(temp.resolve("agency-softhsm.so"), real);

        List<DriverCandidate> present = DriverCatalogue.forCurrentOs().present(List.of(link));

        DriverCandidate first = present.get(0);
        assertEquals(link, first.path());
        assertEquals(real, first.realPath());
        assertEquals(DriverSource.ADMIN_CONFIG, first.source());
        assertEquals("softhsm2", first.known().id(), "resolves to a catalogued file, so it is known");
        assertEquals(1, present.stream().filter(c -> c.realPath().equals(real)).count());
        assertNoRealPathTwice(present);
    }

    @Test
    void adminPathOutsideTheCatalogueIsFlaggedUnknown() throws IOException {
        Path vendor = Files.writeString(temp.resolve("libvendor-p11.so"), "not really a library");

        List<DriverCandidate> present = DriverCatalogue.forCurrentOs().present(List.of(vendor));

        DriverCandidate first = present.get(0);
        assertEquals(vendor, first.path());
        assertEquals(DriverSource.ADMIN_CONFIG, first.source());
        assertTrue(first.unknown());
        assertNull(first.known());
    }

    @Test
    void missingAndDirectoryAdminPathsAreAbsent() {
        DriverCatalogue catalogue = DriverCatalogue.forCurrentOs();
        Path missing = temp.resolve("no-such-library.so");

        List<DriverCandidate> present = catalogue.present(List.of(missing, temp));

        assertTrue(present.stream().noneMatch(c -> c.path().equals(missing) || c.path().equals(temp)));
        assertEquals(catalogue.present(List.of()), present);
    }

    @Test
    void orderIsAdminPathsAsGivenThenCatalogueAndIsStable() throws IOException {
        Path b = Files.writeString(temp.resolve("b.so"), "b");
        Path a = Files.writeString(temp.resolve("a.so"), "a");
        DriverCatalogue catalogue = DriverCatalogue.forCurrentOs();

        List<DriverCandidate> present = catalogue.present(List.of(b, a, b));

        assertEquals(b, present.get(0).path());
        assertEquals(a, present.get(1).path());
        assertTrue(present.subList(2, present.size()).stream().allMatch(c -> c.source() == DriverSource.CATALOGUE));
        assertEquals(present, catalogue.present(List.of(b, a)));
    }

    private static void assertLocation(DriverCatalogue catalogue, String id, String location) {
        KnownDriver driver = catalogue.find(id).orElseThrow(() -> new AssertionError(
                id + " missing from the " + catalogue.os() + " catalogue"));
        assertTrue(catalogue.locations(driver).contains(location),
                id + " on " + catalogue.os() + " should list " + location + ": " + catalogue.locations(driver));
    }

    private static void assertNoRealPathTwice(List<DriverCandidate> present) {
        Set<Path> seen = new HashSet<>();
        present.forEach(c -> assertTrue(seen.add(c.realPath()), "listed twice: " + c.realPath()));
    }
}
