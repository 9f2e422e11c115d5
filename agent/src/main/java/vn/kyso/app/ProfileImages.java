package vn.kyso.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import vn.kyso.config.ConfigLocations;
import vn.kyso.errors.KysoException;
import vn.kyso.request.RequestError;

/**
 * The images of the user's local profile — the official's handwritten signature and the agency's seal — that a page
 * may ask the agent to stamp without uploading them. The page names the image ("signature" or "seal"), never a
 * path: the agent alone decides which file that is, in the per-user folder next to the user configuration
 * ({@code ~/.config/kyso/profile/signature.png}, {@code seal.png}).
 */
public final class ProfileImages {

    /** The images a profile may hold, by the name a page uses. */
    public enum Image {
        SIGNATURE("signature.png"), SEAL("seal.png");

        private final String fileName;

        Image(String fileName) {
            this.fileName = fileName;
        }

        public String fileName() {
            return fileName;
        }

        /** INVALID_PARAMS unless {@code name} is one of the names above. */
        public static Image named(String name) {
            for (Image image : values()) {
                if (image.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return image;
                }
            }
            throw new KysoException(RequestError.INVALID_PARAMS, Map.of("param", "imageProfile"), null,
                    "imageProfile must be \"signature\" or \"seal\"");
        }
    }

    /** Larger files are not stamp images; refusing them keeps a mistaken file from filling memory. */
    static final int MAX_BYTES = 8 * 1024 * 1024;

    private final Path directory;

    public ProfileImages(Path directory) {
        this.directory = directory;
    }

    /** The current user's profile folder. */
    public static ProfileImages forCurrentUser() {
        return new ProfileImages(ConfigLocations.forCurrentSystem().user().resolveSibling("profile"));
    }

    public Path directory() {
        return directory;
    }

    /** The image's PNG bytes; PROFILE_IMAGE_MISSING when the user has none, PROFILE_IMAGE_UNREADABLE otherwise. */
    public byte[] read(Image image) {
        String name = image.name().toLowerCase(Locale.ROOT);
        Path file = directory.resolve(image.fileName());
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new KysoException(ProtocolError.PROFILE_IMAGE_UNREADABLE, Map.of("image", name), null, name,
                        "larger than " + MAX_BYTES / (1024 * 1024) + " MB");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new KysoException(ProtocolError.PROFILE_IMAGE_MISSING, Map.of("image", name), null, name);
        } catch (IOException e) {
            // the path stays out of the message: it would tell the page the user's account name
            throw new KysoException(ProtocolError.PROFILE_IMAGE_UNREADABLE, Map.of("image", name), null, name,
                    e.getClass().getSimpleName());
        }
    }
}
