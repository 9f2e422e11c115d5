package vn.kyso.files;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Files and folders that only the user running the agent may read or write (the local secret, the audit log):
 * mode 0600 / 0700 on POSIX systems; on Windows an ACL with a single entry, for the user running the agent (the
 * owner is not checked there: an elevated process's files belong to Administrators). Another account that can read
 * such a file could drive the agent (the secret) or read who signed what (the log).
 *
 * <p>The Windows branch uses {@link AclFileAttributeView}; it is compiled and reviewed but only the POSIX branch is
 * exercised by the tests on Linux.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /**
     * Creates {@code folder} (and missing parents, with the system's defaults) and makes the folder itself owner-only.
     * A folder that belongs to another account is refused: whoever owns it can swap the files inside.
     *
     * @return what had to be tightened, empty when nothing
     */
    public static Optional<String> folder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder.getParent());
            try {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(FOLDER));
            } catch (UnsupportedOperationException e) {
                Files.createDirectory(folder);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // created meanwhile by another process of the same user: checked below like any existing folder
            }
        }
        return restrict(folder, true);
    }

    /** Creates a new, empty owner-only file; fails if it exists (no race with an attacker's pre-created file). */
    public static void createFile(Path file) throws IOException {
        if (posix(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        } else {
            Files.createFile(file);
            restrictAcl(file, false);
        }
    }

    /**
     * What makes an existing file or folder readable by others: another owner, group or other permissions, or on
     * Windows any ACL entry for someone else. Empty when it is private.
     */
    public static Optional<String> problem(Path path) throws IOException {
        UserPrincipal owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS);
        if (posix(path)) {
            // on Windows an elevated process's files belong to Administrators: there the ACL alone decides
            UserPrincipal me = currentUser();
            if (me != null && !owner.equals(me)) {
                return Optional.of("owned by " + owner.getName() + ", not by " + me.getName());
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            Set<PosixFilePermission> wider = EnumSet.copyOf(mode);
            wider.removeAll(FOLDER);
            return wider.isEmpty() ? Optional.empty()
                    : Optional.of("mode " + PosixFilePermissions.toString(mode) + " lets other accounts in");
        }
        AclFileAttributeView view = Files.getFileAttributeView(path, AclFileAttributeView.class);
        if (view != null) {
            UserPrincipal me = aclUser(view);
            for (AclEntry entry : view.getAcl()) {
                if (entry.type() == AclEntryType.ALLOW && !entry.principal().equals(me)) {
                    return Optional.of("the ACL also allows " + entry.principal().getName());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Makes an existing file or folder of the current user private; refuses one owned by another account.
     *
     * @return what was wrong before, empty when it already was private
     */
    public static Optional<String> restrict(Path path, boolean folder) throws IOException {
        Optional<String> problem = problem(path);
        if (problem.isEmpty()) {
            return problem;
        }
        UserPrincipal me = posix(path) ? currentUser() : null;
        if (me != null && !Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).equals(me)) {
            throw new IOException(path + " is " + problem.get() + ": refused, its owner could change it at any time");
        }
        if (posix(path)) {
            Files.setPosixFilePermissions(path, folder ? FOLDER : FILE);
        } else {
            restrictAcl(path, folder);
        }
        return problem;
    }

    private static volatile Optional<UserPrincipal> me;

    /**
     * The account this process runs as, as the file system names owners: by the login name, or — for an account
     * without a name (containers running an arbitrary uid) — as the owner of a file this process creates.
     */
    public static UserPrincipal currentUser() throws IOException {
        Optional<UserPrincipal> known = me;
        if (known == null) {
            known = Optional.ofNullable(lookUpCurrentUser());
            me = known;
        }
        return known.orElse(null);
    }

    private static UserPrincipal lookUpCurrentUser() throws IOException {
        try {
            return FileSystems.getDefault().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
        } catch (UnsupportedOperationException e) {
            return null;
        } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
            Path probe = Files.createTempFile("kyso-owner", ".probe");
            try {
                return Files.getOwner(probe);
            } finally {
                Files.deleteIfExists(probe);
            }
        }
    }

    private static boolean posix(Path path) {
        return Files.getFileAttributeView(path.getParent() == null ? path : path.getParent(),
                PosixFileAttributeView.class) != null;
    }

    /** The account the ACL is for: the user running the agent (the owner may be Administrators when elevated). */
    private static UserPrincipal aclUser(AclFileAttributeView view) throws IOException {
        UserPrincipal me = currentUser();
        return me != null ? me : view.getOwner();
    }

    /** Windows: one ALLOW entry for the user running the agent, full control, inherited by what the folder will contain. */
    private static void restrictAcl(Path path, boolean folder) throws IOException {
        AclFileAttributeView view = Files.getFileAttributeView(path, AclFileAttributeView.class);
        if (view == null) {
            return; // neither POSIX nor ACL (e.g. FAT): nothing to tighten
        }
        AclEntry.Builder entry = AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(aclUser(view))
                .setPermissions(EnumSet.allOf(AclEntryPermission.class));
        if (folder) {
            entry.setFlags(AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT);
        }
        view.setAcl(List.of(entry.build()));
    }
}
