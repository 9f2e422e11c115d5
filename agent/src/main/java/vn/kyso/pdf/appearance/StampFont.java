package vn.kyso.pdf.appearance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import vn.kyso.errors.KysoException;
import vn.kyso.pdf.DocumentFonts;

/**
 * The stamp font: Liberation Serif Regular (metric-compatible with Times New Roman, which Nghị định 30/2020 asks
 * for), embedded as a subset with a ToUnicode map so Vietnamese diacritics render everywhere and can be extracted.
 * One font object per document: the widget and its companions share one subset instead of embedding it twice.
 */
public final class StampFont {

    /** Nghị định 30/2020, Phụ lục I: stamp text is size 10. */
    public static final float SIZE = 10f;
    /** Line distance for size 10 (1.2 × size, the usual single spacing of Times New Roman). */
    public static final float LEADING = 12f;

    static final String RESOURCE = FontStyle.REGULAR.resource();

    private StampFont() {
    }

    /** The stamp font of {@code document}: one subset shared by every stamp and companion drawn into it. */
    public static PDType0Font of(PDDocument document) throws IOException {
        return of(document, FontStyle.REGULAR);
    }

    /**
     * The Liberation Serif face of {@code style} in {@code document}, for text that continues a bold or italic label;
     * each face is embedded (as a subset) only when something is written in it.
     */
    static PDType0Font of(PDDocument document, FontStyle style) throws IOException {
        return DocumentFonts.shared(document, style.name(), target -> {
            try (InputStream in = StampFont.class.getResourceAsStream(style.resource())) {
                if (in == null) {
                    throw new IOException("bundled font missing: " + style.resource());
                }
                return PDType0Font.load(target, in, true);
            }
        });
    }

    /** Width of {@code text} at {@link #SIZE}, in points. */
    public static float width(PDType0Font font, String text) {
        return width(font, text, SIZE);
    }

    /** Width of {@code text} at {@code size}, in points. */
    public static float width(PDType0Font font, String text, float size) {
        try {
            return font.getStringWidth(text) / 1000f * size;
        } catch (IllegalArgumentException e) {
            throw new KysoException(AppearanceError.TEXT_NOT_RENDERABLE, Map.of(), e, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Distance from the baseline up to the top of the tallest glyphs (with Vietnamese stacked accents). */
    public static float ascent(PDType0Font font) {
        return font.getFontDescriptor().getAscent() / 1000f * SIZE;
    }

    /** Distance from the baseline down to the bottom of descenders, as a positive number. */
    public static float descent(PDType0Font font) {
        return -font.getFontDescriptor().getDescent() / 1000f * SIZE;
    }
}
