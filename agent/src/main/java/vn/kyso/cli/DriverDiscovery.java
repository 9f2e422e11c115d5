package vn.kyso.cli;

import java.nio.file.Path;
import java.util.List;

import vn.kyso.token.driver.DriverCandidate;
import vn.kyso.token.driver.DriverCatalogue;

/** The token libraries present on this machine, from the catalogue of known drivers. */
final class DriverDiscovery {

    private DriverDiscovery() {
    }

    static List<Path> present() {
        return DriverCatalogue.forCurrentOs().present(List.of()).stream().map(DriverCandidate::path).toList();
    }
}
