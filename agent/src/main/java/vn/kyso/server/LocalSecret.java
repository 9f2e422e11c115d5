package vn.kyso.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The per-user secret that local programs (no Origin header) must present as {@code Authorization: Bearer …}.
 * Stored in a file only its owner can read, so another local user cannot drive this user's token.
 */
public final class LocalSecret {

    private final Path file;
    private final byte[] value;

    private LocalSecret(Path file, byte[] value) {
        this.file = file;
        this.value = value;
    }

    /** Reads the secret, creating it (owner read/write only) on first use. */
    public static LocalSecret loadOrCreate(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (text.length() == 64) {
                return new LocalSecret(file, text.getBytes(StandardCharsets.US_ASCII));
            }
        }
        Files.createDirectories(file.getParent());
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String text = HexFormat.of().formatHex(random);
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temporary); // Windows: the profile directory's ACL already limits it to the user
        }
        Files.writeString(temporary, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return new LocalSecret(file, text.getBytes(StandardCharsets.US_ASCII));
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
