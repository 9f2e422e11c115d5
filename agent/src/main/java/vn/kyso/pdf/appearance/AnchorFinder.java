package vn.kyso.pdf.appearance;

import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.pdfbox.util.Matrix;

import vn.kyso.errors.KysoException;
import vn.kyso.pdf.Pages;

/**
 * Finds text on a page and returns its bounding box in user space, so a stamp can be placed relative to words the
 * drafter typed ("KT. CHỦ TỊCH", the signer's name, "Số:").
 *
 * <p>Matching is case-sensitive (Vietnamese capitals matter: "Chủ tịch" in the body is not the title line) and
 * whitespace-tolerant: all whitespace is ignored on both sides, because PDFs often draw word gaps by positioning
 * instead of space glyphs, and text producers differ in how many spaces they emit. Both sides are compared
 * decomposed (Unicode NFD, which works character by character and so keeps the map back to glyphs), so a PDF that
 * draws "ệ" as "e" plus two combining marks matches a query typed with the precomposed letter.
 */
public final class AnchorFinder {

    private AnchorFinder() {
    }

    /** Every occurrence on one page, in reading order. */
    public static List<TextAnchor> findAll(PDDocument document, int pageIndex, String text) throws IOException {
        requirePage(document, pageIndex);
        String needle = compact(text);
        if (needle.isEmpty()) {
            throw new IllegalArgumentException("anchor text is blank");
        }
        PageGlyphs glyphs = PageGlyphs.read(document, pageIndex);
        PDRectangle crop = Pages.get(document, pageIndex).getCropBox();
        List<TextAnchor> found = new ArrayList<>();
        for (int at = glyphs.text.indexOf(needle); at >= 0; at = glyphs.text.indexOf(needle, at + 1)) {
            found.add(new TextAnchor(pageIndex, union(glyphs.owners.subList(at, at + needle.length()), crop)));
        }
        return found;
    }

    /** The first occurrence on one page, or {@link AppearanceError#ANCHOR_TEXT_NOT_FOUND}. */
    public static TextAnchor first(PDDocument document, int pageIndex, String text) throws IOException {
        List<TextAnchor> all = findAll(document, pageIndex, text);
        if (all.isEmpty()) {
            throw notFound(text);
        }
        return all.get(0);
    }

    /**
     * The last occurrence in the document, searching from the last page back: the signature block closes the
     * document, so the last "KT. CHỦ TỊCH" is the one above the signature, not a mention in the body.
     */
    public static TextAnchor last(PDDocument document, String text) throws IOException {
        for (int page = document.getNumberOfPages() - 1; page >= 0; page--) {
            List<TextAnchor> all = findAll(document, page, text);
            if (!all.isEmpty()) {
                return all.get(all.size() - 1);
            }
        }
        throw notFound(text);
    }

    /** The first occurrence in the document, searching from page 1 (where số/ký hiệu and the date are printed). */
    public static TextAnchor firstInDocument(PDDocument document, String text) throws IOException {
        for (int page = 0; page < document.getNumberOfPages(); page++) {
            List<TextAnchor> all = findAll(document, page, text);
            if (!all.isEmpty()) {
                return all.get(0);
            }
        }
        throw notFound(text);
    }

    /** The box of every glyph on the page, in user space: what is already printed, to fit a stamp around it. */
    public static List<PDRectangle> glyphBoxes(PDDocument document, int pageIndex) throws IOException {
        requirePage(document, pageIndex);
        PageGlyphs glyphs = PageGlyphs.read(document, pageIndex);
        PDRectangle crop = Pages.get(document, pageIndex).getCropBox();
        List<PDRectangle> boxes = new ArrayList<>();
        TextPosition previous = null;
        for (TextPosition glyph : glyphs.owners) {
            if (glyph != previous) {
                boxes.add(union(List.of(glyph), crop));
                previous = glyph;
            }
        }
        return boxes;
    }

    /**
     * Every drawn character of the page in the reader's frame, with its baseline and size as drawn (text matrix
     * included): what a template's blank must be measured against. Whitespace is not drawn, so it is not listed.
     */
    static List<PageGlyph> visualGlyphs(PDDocument document, int pageIndex) throws IOException {
        requirePage(document, pageIndex);
        PageGlyphs glyphs = PageGlyphs.read(document, pageIndex);
        PDRectangle crop = Pages.get(document, pageIndex).getCropBox();
        PageFrame frame = PageFrame.of(Pages.get(document, pageIndex));
        List<PageGlyph> result = new ArrayList<>();
        TextPosition previous = null;
        for (TextPosition glyph : glyphs.owners) {
            if (glyph == previous) {
                continue;
            }
            previous = glyph;
            PDRectangle box = frame.toVisual(union(List.of(glyph), crop));
            // Where the glyph starts and ends along its baseline: slanted (italic) boxes lean into their
            // neighbours, so gaps between words are measured here, not between boxes.
            List<float[]> corners = corners(glyph, crop);
            PDRectangle advance = frame.toVisual(new PDRectangle(corners.get(0)[0], corners.get(0)[1],
                    corners.get(2)[0] - corners.get(0)[0], 0));
            result.add(new PageGlyph(Normalizer.normalize(glyph.getUnicode(), Normalizer.Form.NFC), box,
                    advance.getLowerLeftX(), advance.getUpperRightX(), box.getLowerLeftY() + extent(glyph)[1],
                    size(glyph), FontStyle.of(glyph.getFont(), glyph.getTextMatrix(), glyphs.stroked.contains(glyph))));
        }
        return result;
    }

    static KysoException notFound(String text) {
        return new KysoException(AppearanceError.ANCHOR_TEXT_NOT_FOUND, Map.of("text", text), null, text);
    }

    static void requirePage(PDDocument document, int pageIndex) {
        if (pageIndex < 0 || pageIndex >= document.getNumberOfPages()) {
            throw new KysoException(AppearanceError.PAGE_NOT_FOUND, Map.of("page", pageIndex + 1), null,
                    pageIndex + 1, document.getNumberOfPages());
        }
    }

    private static String compact(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\s+", "");
    }

    private static PDRectangle union(List<TextPosition> glyphList, PDRectangle crop) {
        float minX = Float.MAX_VALUE;
        float minY = Float.MAX_VALUE;
        float maxX = -Float.MAX_VALUE;
        float maxY = -Float.MAX_VALUE;
        TextPosition previous = null;
        for (TextPosition glyph : glyphList) {
            if (glyph == previous) {
                continue; // one glyph can stand for several characters (ligatures)
            }
            previous = glyph;
            for (float[] corner : corners(glyph, crop)) {
                minX = Math.min(minX, corner[0]);
                minY = Math.min(minY, corner[1]);
                maxX = Math.max(maxX, corner[0]);
                maxY = Math.max(maxY, corner[1]);
            }
        }
        return new PDRectangle(minX, minY, maxX - minX, maxY - minY);
    }

    /*
     * The text rendering matrix gives the glyph origin and the directions of its baseline and "up" in user space
     * (any page rotation or rotated text included). PDFTextStripper has moved it by minus the CropBox's lower-left
     * corner; that is added back. The box spans the advance width along the baseline and the font's descent to
     * ascent across it.
     */
    private static List<float[]> corners(TextPosition glyph, PDRectangle crop) {
        Matrix m = glyph.getTextMatrix();
        float ox = m.getTranslateX() + crop.getLowerLeftX();
        float oy = m.getTranslateY() + crop.getLowerLeftY();
        float[] along = unit(m.getScaleX(), m.getShearY());
        float[] up = unit(m.getShearX(), m.getScaleY());
        float[] extent = extent(glyph);
        float ascent = extent[0];
        float descent = extent[1];
        float width = glyph.getWidthDirAdj();
        List<float[]> corners = new ArrayList<>(4);
        for (float a : new float[] {0, width}) {
            for (float u : new float[] {-descent, ascent}) {
                corners.add(new float[] {ox + along[0] * a + up[0] * u, oy + along[1] * a + up[1] * u});
            }
        }
        return corners;
    }

    /** Ascent and descent (positive) of a glyph at its drawn size, from its font's descriptor when it has one. */
    private static float[] extent(TextPosition glyph) {
        float size = size(glyph);
        PDFontDescriptor descriptor = glyph.getFont() == null ? null : glyph.getFont().getFontDescriptor();
        if (descriptor != null && descriptor.getAscent() > 0) {
            return new float[] {descriptor.getAscent() / 1000f * size, Math.abs(descriptor.getDescent()) / 1000f * size};
        }
        return new float[] {0.8f * size, 0.2f * size};
    }

    /*
     * The size as drawn, from the text rendering matrix (Tf, Tm and the CTM): its area divided by the baseline's
     * length is the height of the em square across the baseline, whatever rotation, horizontal scaling or slant
     * (synthetic italics) the producer used. TextPosition.getFontSizeInPt() is an integer and leaves the CTM out,
     * so 10.5 pt text would read as 10.
     */
    private static float size(TextPosition glyph) {
        Matrix m = glyph.getTextMatrix();
        double along = Math.hypot(m.getScaleX(), m.getShearY());
        float drawn = along == 0 ? 0 : (float) (Math.abs(m.getScaleX() * m.getScaleY() - m.getShearY() * m.getShearX())
                / along);
        return drawn > 0 ? drawn : glyph.getFontSizeInPt();
    }

    private static float[] unit(float x, float y) {
        float length = (float) Math.hypot(x, y);
        return length == 0 ? new float[] {1, 0} : new float[] {x / length, y / length};
    }

    /** The page's characters without whitespace, each mapped back to the glyph that drew it. */
    private static final class PageGlyphs extends PDFTextStripper {

        private final StringBuilder builder = new StringBuilder();
        private final List<TextPosition> owners = new ArrayList<>();
        /** Glyphs drawn filled and stroked: how producers make a bold they have no bold face for. */
        private final Set<TextPosition> stroked = Collections.newSetFromMap(new IdentityHashMap<>());
        private String text = "";

        static PageGlyphs read(PDDocument document, int pageIndex) throws IOException {
            PageGlyphs glyphs = new PageGlyphs();
            glyphs.setSortByPosition(true);
            glyphs.setStartPage(pageIndex + 1);
            glyphs.setEndPage(pageIndex + 1);
            glyphs.getText(document);
            glyphs.text = glyphs.builder.toString();
            return glyphs;
        }

        @Override
        protected void processTextPosition(TextPosition text) {
            RenderingMode mode = getGraphicsState().getTextState().getRenderingMode();
            if (mode == RenderingMode.FILL_STROKE || mode == RenderingMode.FILL_STROKE_CLIP) {
                stroked.add(text);
            }
            super.processTextPosition(text);
        }

        @Override
        protected void writeString(String string, List<TextPosition> positions) {
            for (TextPosition position : positions) {
                String unicode = position.getUnicode();
                if (unicode == null) {
                    continue;
                }
                String chars = compact(unicode);
                for (int i = 0; i < chars.length(); i++) {
                    builder.append(chars.charAt(i));
                    owners.add(position);
                }
            }
        }
    }
}
