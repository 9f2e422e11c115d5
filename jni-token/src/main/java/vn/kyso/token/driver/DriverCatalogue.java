package vn.kyso.token.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Known PKCS#11 token libraries for one operating system, and which of them (plus the administrator's own) are on
 * this machine.
 *
 * <p>No environment variable is consulted: tools disagree on the name ({@code PKCS11_LIB}, {@code PKCS11_MODULE_PATH},
 * {@code HSM_LIBRARY_PATH}, {@code SOFTHSM2_LIB}...), so there is no convention to honour; the agent's configuration
 * is the one place an administrator adds a library.
 */
public final class DriverCatalogue {

    private static final Logger LOG = LoggerFactory.getLogger(DriverCatalogue.class);

    private final Os os;
    private final List<KnownDriver> drivers;
    private final UnaryOperator<String> environment;

    private DriverCatalogue(Os os, UnaryOperator<String> environment) {
        this.os = os;
        this.drivers = KnownDrivers.ALL.stream().filter(d -> !d.locationsFor(os).isEmpty()).toList();
        this.environment = environment;
    }

    public static DriverCatalogue forCurrentOs() {
        return forOs(Os.current());
    }

    /** The catalogue for {@code os}; Windows variables come from this process only when it runs on Windows. */
    public static DriverCatalogue forOs(Os os) {
        UnaryOperator<String> environment = os == Os.current() ? System::getenv : name -> null;
        return new DriverCatalogue(os, environment);
    }

    public Os os() {
        return os;
    }

    /** Entries with at least one location on this operating system, in catalogue order. */
    public List<KnownDriver> drivers() {
        return drivers;
    }

    public Optional<KnownDriver> find(String id) {
        return drivers.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** Where {@code driver} may be installed on this operating system, Windows variables expanded. */
    public List<String> locations(KnownDriver driver) {
        return driver.locationsFor(os).stream().map(t -> PathTemplate.expand(t, environment)).toList();
    }

    /**
     * The libraries on disk: first the administrator's paths in their order, then catalogue entries in catalogue
     * order. A file reached twice (a symlink, or an admin path that is also catalogued) appears once, under its first
     * path. An admin path keeps source {@link DriverSource#ADMIN_CONFIG}; it counts as known only when it resolves to
     * a catalogued file, so a renamed copy of a vendor library is still probed before use.
     */
    public List<DriverCandidate> present(List<Path> adminPaths) {
        Map<Path, KnownDriver> catalogued = new LinkedHashMap<>();
        Map<Path, Path> cataloguedPaths = new LinkedHashMap<>();
        for (KnownDriver driver : drivers) {
            for (String location : locations(driver)) {
                Optional<Path> path = parse(location);
                Optional<Path> real = path.flatMap(DriverCatalogue::realFile);
                if (real.isPresent() && !catalogued.containsKey(real.get())) {
                    catalogued.put(real.get(), driver);
                    cataloguedPaths.put(real.get(), path.get());
                }
            }
        }

        Map<Path, DriverCandidate> byRealPath = new LinkedHashMap<>();
        for (Path adminPath : adminPaths) {
            Path path = adminPath.toAbsolutePath();
            Optional<Path> real = realFile(path);
            if (real.isEmpty()) {
                LOG.warn("configured token library {} is not a file on this machine", path);
                continue;
            }
            byRealPath.putIfAbsent(real.get(),
                    new DriverCandidate(path, real.get(), DriverSource.ADMIN_CONFIG, catalogued.get(real.get())));
        }
        catalogued.forEach((real, driver) -> byRealPath.putIfAbsent(real,
                new DriverCandidate(cataloguedPaths.get(real), real, DriverSource.CATALOGUE, driver)));
        return List.copyOf(byRealPath.values());
    }

    /** Defensive: a location written for another operating system may hold characters this one rejects. */
    private static Optional<Path> parse(String location) {
        try {
            return Optional.of(Path.of(location));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> realFile(Path path) {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(path.toRealPath());
        } catch (IOException | SecurityException e) {
            // Readable enough to exist but not to resolve: keep it, deduplicated by its normalised form only.
            return Optional.of(path.toAbsolutePath().normalize());
        }
    }
}
