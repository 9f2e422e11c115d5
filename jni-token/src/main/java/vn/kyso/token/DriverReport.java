package vn.kyso.token;

import java.nio.file.Path;

/** What happened to one PKCS#11 library: loaded, or failed with a reason a person can act on. */
public record DriverReport(Path path, boolean loaded, String description, String reason) {
}
