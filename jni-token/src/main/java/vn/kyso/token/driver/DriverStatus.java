package vn.kyso.token.driver;

import java.nio.file.Path;
import java.util.Objects;

import org.xipki.pkcs11.wrapper.PKCS11Module;

/**
 * The result of loading one candidate library.
 *
 * @param path   the candidate's path as configured or catalogued
 * @param state  loaded, failed, or skipped after a failed probe
 * @param reason for a person; empty when loaded
 * @param module the initialised module when {@link DriverState#LOADED}, otherwise {@code null}; the caller owns it
 *               and calls {@code finalize(null)} when done
 * @param probe  the probe's verdict when the library was probed (unknown libraries), otherwise {@code null}
 */
public record DriverStatus(Path path, DriverState state, String reason, PKCS11Module module, ProbeResult probe) {

    public DriverStatus {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(state, "state");
        reason = reason == null ? "" : reason;
        if ((state == DriverState.LOADED) != (module != null)) {
            throw new IllegalArgumentException("a module handle comes with LOADED and only with LOADED");
        }
    }

    public boolean loaded() {
        return state == DriverState.LOADED;
    }
}
