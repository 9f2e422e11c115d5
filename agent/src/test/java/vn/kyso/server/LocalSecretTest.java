package vn.kyso.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.errors.KysoException;

/**
 * Issue 13, attack 7: a local-secret file left readable by others (0644) was used as it was. Whatever others could
 * read is replaced by a new secret and reported; a folder another account owns is refused.
 */
class LocalSecretTest {

    private static final String KNOWN = "a".repeat(64);

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aNewSecretIsOwnerOnlyInAnOwnerOnlyFolderAndKeptAcrossStarts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config").resolve("kyso").resolve("local-secret");
        LocalSecret secret = LocalSecret.loadOrCreate(file);
        assertEquals("rw-------", mode(file));
        assertEquals("rwx------", mode(file.getParent()));
        assertTrue(secret.replaced().isEmpty());
        assertEquals(64, secret.value().length());
        LocalSecret again = LocalSecret.loadOrCreate(file);
        assertEquals(secret.value(), again.value());
        assertTrue(again.replaced().isEmpty());
    }

    @Test
    void aSecretOthersCouldReadIsReplacedAndReported(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kyso").resolve("local-secret");
        Files.createDirectories(file.getParent());
        Files.writeString(file, KNOWN);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        LocalSecret secret = LocalSecret.loadOrCreate(file);
        assertNotEquals(KNOWN, secret.value(), "a secret others could read was used");
        assertEquals(secret.value(), Files.readString(file));
        assertEquals("rw-------", mode(file));
        assertTrue(secret.replaced().orElseThrow().contains("rw-r--r--"), secret.replaced().toString());
        assertTrue(secret.matches("Bearer " + secret.value()));
        assertTrue(!secret.matches("Bearer " + KNOWN));
    }

    @Test
    void aSymbolicLinkIsReplacedNotFollowed(@TempDir Path dir) throws Exception {
        Path elsewhere = Files.writeString(dir.resolve("planted"), KNOWN);
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rw-------"));
        Path file = dir.resolve("kyso").resolve("local-secret");
        Files.createDirectories(file.getParent());
        Files.createSymbolicLink(file, elsewhere);
        LocalSecret secret = LocalSecret.loadOrCreate(file);
        assertNotEquals(KNOWN, secret.value());
        assertTrue(!Files.isSymbolicLink(file));
        assertEquals(KNOWN, Files.readString(elsewhere), "the link's target was written to");
    }

    /** Needs root (as CI runs) to hand files to another account. */
    @Test
    void anotherAccountsFileIsReplacedAndAnotherAccountsFolderRefused(@TempDir Path dir) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to chown");
        UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Path file = dir.resolve("kyso").resolve("local-secret");
        Files.createDirectories(file.getParent());
        Files.writeString(file, KNOWN);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Files.setOwner(file, nobody);
        LocalSecret secret = LocalSecret.loadOrCreate(file);
        assertNotEquals(KNOWN, secret.value());
        assertEquals("root", Files.getOwner(file).getName());
        assertTrue(secret.replaced().orElseThrow().contains("owned by nobody"), secret.replaced().toString());

        Path foreign = dir.resolve("theirs");
        Files.createDirectories(foreign);
        Files.setOwner(foreign, nobody);
        KysoException refused = assertThrows(KysoException.class,
                () -> LocalSecret.loadOrCreate(foreign.resolve("local-secret")));
        assertEquals("PRIVATE_FOLDER_UNSAFE", refused.code());
        assertTrue(refused.messageVi().contains("không an toàn") && refused.messageEn().contains("owned by nobody"),
                refused.messageEn());
        assertTrue(!Files.exists(foreign.resolve("local-secret")));
    }
}
