package vn.kyso.token.driver;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A token library present on disk.
 *
 * @param path     as configured or catalogued
 * @param realPath the file it resolves to (symlinks followed); two candidates never share one
 * @param source   who asked for it
 * @param known    the catalogue entry for this file, or {@code null} when the catalogue does not know it
 */
public record DriverCandidate(Path path, Path realPath, DriverSource source, KnownDriver known) {

    public DriverCandidate {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(realPath, "realPath");
        Objects.requireNonNull(source, "source");
    }

    /** Not in the catalogue: an administrator added it, and nobody has vouched for it yet. */
    public boolean unknown() {
        return known == null;
    }

    public String displayName() {
        return known != null ? known.displayName() : String.valueOf(path.getFileName());
    }
}
