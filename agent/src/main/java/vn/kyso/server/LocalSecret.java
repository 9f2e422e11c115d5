package vn.kyso.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.kyso.config.ConfigError;
import vn.kyso.errors.KysoException;
import vn.kyso.files.PrivateFiles;

/**
 * The per-user secret that local programs (no Origin header) must present as {@code Authorization: Bearer …}.
 * Stored in a file only its owner can read (0600, or an ACL for the user alone on Windows) in a folder only its owner
 * can enter (0700), so another local account cannot drive this user's token.
 *
 * <p>A secret file that others could read (wider mode, another owner, a symbolic link) may already be known to them:
 * it is not repaired in place but replaced by a new secret, and the replacement is reported ({@link #replaced()} and
 * a warning in the agent's log). A folder that belongs to another account is refused (PRIVATE_FOLDER_UNSAFE): its
 * owner could swap the file at any time.
 */
public final class LocalSecret {

    private static final Logger LOG = LoggerFactory.getLogger(LocalSecret.class);

    private final Path file;
    private final byte[] value;
    private final Optional<String> replaced;

    private LocalSecret(Path file, byte[] value, Optional<String> replaced) {
        this.file = file;
        this.value = value;
        this.replaced = replaced;
    }

    /** Reads the secret, creating it (owner-only) on first use and replacing it when others could have read it. */
    public static LocalSecret loadOrCreate(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        try {
            PrivateFiles.folder(folder).ifPresent(was -> LOG.warn("folder {} was {}: made private", folder, was));
        } catch (IOException e) {
            throw new KysoException(ConfigError.PRIVATE_FOLDER_UNSAFE, Map.of(), e, folder, e.getMessage());
        }
        Optional<String> unsafe = Optional.empty();
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            unsafe = Files.isSymbolicLink(file) ? Optional.of("a symbolic link") : PrivateFiles.problem(file);
            if (unsafe.isEmpty() && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
                if (text.length() == 64) {
                    return new LocalSecret(file, text.getBytes(StandardCharsets.US_ASCII), Optional.empty());
                }
            }
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String text = HexFormat.of().formatHex(random);
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        PrivateFiles.createFile(temporary);
        Files.writeString(temporary, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Optional<String> replaced = unsafe.map(why -> "the local secret " + file + " was " + why
                + "; others may know it, so it was replaced by a new one readable by this user only");
        replaced.ifPresent(LOG::warn);
        return new LocalSecret(file, text.getBytes(StandardCharsets.US_ASCII), replaced);
    }

    /** Why the secret found on disk was replaced at start, if it was (for the log and {@code kyso doctor}). */
    public Optional<String> replaced() {
        return replaced;
    }

    /** The secret itself, for the agent's own use and for handing to local programs of the same user. */
    public String value() {
        return new String(value, StandardCharsets.US_ASCII);
    }

    public Path file() {
        return file;
    }

    /** Constant-time comparison of an {@code Authorization} header value. */
    boolean matches(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(value, authorization.substring(7).trim().getBytes(StandardCharsets.US_ASCII));
    }
}
