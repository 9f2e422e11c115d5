package vn.kyso.pdf.appearance;

import java.util.Locale;

import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.apache.pdfbox.util.Matrix;

/**
 * Bold and italic as a template prints them, so the clerk's number and date continue the label they complete in the
 * same style ("Số:" is often bold, the place and date line italic — Nghị định 30/2020, Phụ lục I). Read from what the
 * page says about its font: the name (Times New Roman,Bold; TimesNewRomanPS-BoldItalicMT; a subset's "ABCDEF+"
 * prefix ignored), the descriptor's weight, ForceBold and Italic flags and italic angle, a text matrix slanting an
 * upright face (a synthetic italic) and filled-and-stroked glyphs (a synthetic bold).
 */
enum FontStyle {
    REGULAR("LiberationSerif-Regular.ttf"),
    BOLD("LiberationSerif-Bold.ttf"),
    ITALIC("LiberationSerif-Italic.ttf"),
    BOLD_ITALIC("LiberationSerif-BoldItalic.ttf");

    /** Heavier than this (CSS/OpenType weight) reads as bold: semibold 600 included, medium 500 not. */
    private static final float BOLD_WEIGHT = 600f;
    /** A slant of the text matrix past this (cosine of the angle between baseline and up) is a synthetic italic. */
    private static final float SLANT = 0.08f;

    private final String file;

    FontStyle(String file) {
        this.file = file;
    }

    /** The bundled Liberation Serif face of this style (Times New Roman metrics, Vietnamese coverage). */
    String resource() {
        return "/vn/kyso/pdf/fonts/" + file;
    }

    boolean bold() {
        return this == BOLD || this == BOLD_ITALIC;
    }

    boolean italic() {
        return this == ITALIC || this == BOLD_ITALIC;
    }

    static FontStyle of(boolean bold, boolean italic) {
        return bold ? italic ? BOLD_ITALIC : BOLD : italic ? ITALIC : REGULAR;
    }

    /**
     * The style {@code font}, drawn with {@code textMatrix}, shows; {@code filledAndStroked} is a bold synthesised by
     * drawing the outline over the fill (text rendering mode 2).
     */
    static FontStyle of(PDFont font, Matrix textMatrix, boolean filledAndStroked) {
        if (font == null) {
            return filledAndStroked ? BOLD : REGULAR;
        }
        String name = font.getName() == null ? "" : font.getName().toLowerCase(Locale.ROOT);
        int subset = name.indexOf('+');
        if (subset == 6) {
            name = name.substring(7);
        }
        boolean bold = filledAndStroked || name.contains("bold") || name.contains("black") || name.contains("heavy")
                || name.contains("semibold") || name.contains("demi");
        boolean italic = name.contains("italic") || name.contains("oblique");
        PDFontDescriptor descriptor = font.getFontDescriptor();
        if (descriptor != null) {
            bold |= descriptor.isForceBold() || descriptor.getFontWeight() >= BOLD_WEIGHT;
            italic |= descriptor.isItalic() || descriptor.getItalicAngle() != 0;
        }
        if (textMatrix != null) {
            // a synthetic italic: the glyph's "up" leans away from the perpendicular of its baseline (any rotation)
            float ax = textMatrix.getScaleX();
            float ay = textMatrix.getShearY();
            float ux = textMatrix.getShearX();
            float uy = textMatrix.getScaleY();
            double lengths = Math.hypot(ax, ay) * Math.hypot(ux, uy);
            italic |= lengths > 0 && Math.abs((ax * ux + ay * uy) / lengths) > SLANT;
        }
        return of(bold, italic);
    }
}
