package vn.kyso.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The local secret, when it exists, is readable by its owner only (0600); another mode is a failure. */
final class SecretCheck implements DoctorCheck {

    @Override
    public List<Check> run(Install install) {
        return List.of(check(install.inputs().secretFile()));
    }

    static Check check(Path file) {
        if (!Files.exists(file)) {
            return Check.ok("secret", DoctorText.SECRET_NOT_YET.with(file));
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (!mode.equals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))) {
                return Check.fail("secret", DoctorText.SECRET_MODE.with(file, PosixFilePermissions.toString(mode)));
            }
        } catch (UnsupportedOperationException e) {
            // Windows: the profile directory's ACL protects it
        } catch (IOException e) {
            return Check.fail("secret", DoctorText.FILE_UNREADABLE_BECAUSE.with(file, e.getMessage()));
        }
        return Check.ok("secret", DoctorText.SECRET_OK.with(file));
    }
}
