package vn.kyso.token;

import java.nio.file.Path;

import vn.kyso.token.driver.DriverState;

/**
 * What happened to one PKCS#11 library, for people and for {@code kyso doctor}: loaded, failed, or skipped after a
 * failed probe, with a reason a person can act on. (The live module handle stays inside the token layer.)
 */
public record DriverReport(Path path, DriverState state, String description, String reason) {

    public boolean loaded() {
        return state == DriverState.LOADED;
    }
}
