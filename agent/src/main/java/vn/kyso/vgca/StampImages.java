package vn.kyso.vgca;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import vn.kyso.errors.ErrorText;
import vn.kyso.errors.KysoException;
import vn.kyso.pdf.appearance.StampImage;

/**
 * The images the old service kept in its own settings: the official's handwritten signature and the organisation's
 * seal, as transparent PNG files named in the agent's configuration ({@code vgca.image.signature},
 * {@code vgca.image.seal}). A page never names a file; it gets the image configured on the workstation.
 */
public record StampImages(Path signature, Path seal) {

    public static final String SIGNATURE_KEY = "vgca.image.signature";
    public static final String SEAL_KEY = "vgca.image.seal";

    public StampImage signature(VgcaOperation act) {
        return load(signature, SIGNATURE_KEY, new ErrorText("ảnh chữ ký", "signature image").both(), act);
    }

    public StampImage seal(VgcaOperation act) {
        return load(seal, SEAL_KEY, new ErrorText("ảnh con dấu", "seal image").both(), act);
    }

    private static StampImage load(Path file, String key, String what, VgcaOperation act) {
        if (file == null) {
            throw new KysoException(VgcaError.STAMP_IMAGE_NOT_CONFIGURED, Map.of("key", key), null, what, key,
                    act.actVi());
        }
        try {
            return StampImage.png(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new KysoException(VgcaError.STAMP_IMAGE_NOT_CONFIGURED, Map.of("key", key), e,
                    what + " (" + file + ": " + e.getClass().getSimpleName() + ")", key, act.actVi());
        }
    }
}
