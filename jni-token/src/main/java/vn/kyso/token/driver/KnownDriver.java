package vn.kyso.token.driver;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One token library the catalogue knows: who makes it, which tokens it serves, and where its installer puts it on
 * each operating system. Windows locations may start with {@code %SystemRoot%} or {@code %ProgramFiles%}.
 *
 * @param id          stable identifier (lower-case, dashes), safe to store in configuration and logs
 * @param displayName name shown to a person
 * @param vendor      who ships the library
 * @param servesVi    which tokens or CA it serves, in Vietnamese
 * @param servesEn    the same in English
 * @param confidence  how well public evidence backs the names and locations
 * @param locations   candidate locations per operating system, most likely first
 */
public record KnownDriver(String id, String displayName, String vendor, String servesVi, String servesEn,
                          Confidence confidence, Map<Os, List<String>> locations) {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public KnownDriver {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("driver id must be lower-case words joined by dashes: " + id);
        }
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(servesVi, "servesVi");
        Objects.requireNonNull(servesEn, "servesEn");
        Objects.requireNonNull(confidence, "confidence");
        Map<Os, List<String>> copy = new EnumMap<>(Os.class);
        locations.forEach((os, paths) -> copy.put(os, List.copyOf(paths)));
        locations = Map.copyOf(copy);
    }

    /** Candidate locations on {@code os} (unexpanded), empty when the vendor ships nothing known for it. */
    public List<String> locationsFor(Os os) {
        return locations.getOrDefault(os, List.of());
    }
}
