package vn.kyso.pdf.appearance;

import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * One character drawn on a page, as the reader sees it.
 *
 * @param text     the character (Unicode NFC; a ligature may carry several)
 * @param box      advance width by descent-to-ascent, in the page's visual frame
 * @param left     where the glyph's advance starts on its baseline (a slanted box leans further)
 * @param right    where it ends
 * @param baseline the baseline's height in the visual frame
 * @param size     the font size as drawn, in points
 * @param style    bold and italic as the page's font shows them
 */
record PageGlyph(String text, PDRectangle box, float left, float right, float baseline, float size,
                 FontStyle style) {

    /**
     * Dots, ellipses and underscores are how templates draw a blank to write on ("ngày ..... tháng", "Số: ____");
     * they are not text the inserted words may collide with, they are the place those words go.
     */
    boolean filler() {
        return isFiller(text);
    }

    static boolean isFiller(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c == '.' || c == '\u2026' || c == '_'
                || Character.isWhitespace(c) || c == '\u00a0');
    }
}
