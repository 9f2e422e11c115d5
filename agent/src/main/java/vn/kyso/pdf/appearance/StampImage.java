package vn.kyso.pdf.appearance;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import vn.kyso.errors.KysoException;

/**
 * A handwritten-signature or seal image: a PNG with transparency, checked once when it is handed in. Transparency
 * is required because the seal is stamped over the signature and both over the printed text; an opaque background
 * would hide what is underneath.
 *
 * @param png          the PNG file's bytes
 * @param widthPixels  decoded width
 * @param heightPixels decoded height
 */
public record StampImage(byte[] png, int widthPixels, int heightPixels) {

    /** Signature and seal scans are small; anything larger is a mistake or an attempt to bloat the document. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;
    public static final int MAX_SIDE_PIXELS = 4000;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    public StampImage {
        png = png.clone();
    }

    @Override
    public byte[] png() {
        return png.clone();
    }

    public static StampImage png(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw invalid("empty file", "tệp rỗng");
        }
        if (bytes.length > MAX_BYTES) {
            throw invalid("larger than " + MAX_BYTES / 1024 + " KiB", "lớn hơn " + MAX_BYTES / 1024 + " KiB");
        }
        if (bytes.length < PNG_SIGNATURE.length
                || !Arrays.equals(Arrays.copyOf(bytes, PNG_SIGNATURE.length), PNG_SIGNATURE)) {
            throw invalid("not a PNG file", "không phải tệp PNG");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw invalid("the PNG cannot be decoded", "không đọc được tệp PNG");
        }
        if (image == null) {
            throw invalid("the PNG cannot be decoded", "không đọc được tệp PNG");
        }
        if (image.getWidth() > MAX_SIDE_PIXELS || image.getHeight() > MAX_SIDE_PIXELS) {
            throw invalid("larger than " + MAX_SIDE_PIXELS + " pixels on a side",
                    "lớn hơn " + MAX_SIDE_PIXELS + " điểm ảnh mỗi cạnh");
        }
        if (!image.getColorModel().hasAlpha()) {
            throw invalid("no transparency (the background must be transparent)", "không có nền trong suốt");
        }
        return new StampImage(bytes, image.getWidth(), image.getHeight());
    }

    /** Height over width: presets size images by one side and keep their proportions. */
    public double aspectRatio() {
        return (double) heightPixels / widthPixels;
    }

    /** A new image XObject; PDFBox converts the PNG losslessly and keeps its alpha channel as the SMask. */
    public PDImageXObject toXObject(PDDocument document) throws IOException {
        return PDImageXObject.createFromByteArray(document, png, "stamp.png");
    }

    private static KysoException invalid(String reasonEn, String reasonVi) {
        return new KysoException(AppearanceError.IMAGE_INVALID, Map.of("reason", reasonEn, "reasonVi", reasonVi),
                null, reasonEn, reasonVi);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StampImage other && Arrays.equals(png, other.png);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(png);
    }

    @Override
    public String toString() {
        return "StampImage[" + widthPixels + "x" + heightPixels + " px, " + png.length + " bytes]";
    }
}
