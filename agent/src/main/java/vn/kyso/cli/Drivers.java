package vn.kyso.cli;

import java.nio.file.Path;
import java.util.List;

import vn.kyso.errors.KysoException;
import vn.kyso.token.TokenError;

/** Which PKCS#11 libraries the CLI loads: the ones named with --library, else those found on this machine. */
final class Drivers {

    private Drivers() {
    }

    static List<Path> select(List<String> explicit) {
        if (!explicit.isEmpty()) {
            return explicit.stream().map(Path::of).toList();
        }
        List<Path> found = DriverDiscovery.present();
        if (found.isEmpty()) {
            throw new KysoException(TokenError.DRIVER_NOT_FOUND);
        }
        return found;
    }
}
