package vn.kyso.verify.report;

import java.awt.Color;
import java.io.IOException;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;

/**
 * A4 pages filled top to bottom: a cursor, text lines and boxes, and a new page only when the next block does not
 * fit on this one.
 */
final class PdfPages implements AutoCloseable {

    static final float MARGIN = 40f;
    /** Room kept at the bottom of every page for the footer. */
    static final float FOOTER = 24f;
    static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

    private final PDDocument document;
    private final PdfFont font;
    private PDPageContentStream content;
    private float y;

    PdfPages(PDDocument document, PdfFont font) throws IOException {
        this.document = document;
        this.font = font;
        newPage();
    }

    PdfFont font() {
        return font;
    }

    float y() {
        return y;
    }

    /** Puts the cursor at {@code y} on the current page (back up to a cell's top, or down past a box). */
    void moveTo(float y) {
        this.y = y;
    }

    void down(float points) {
        y -= points;
    }

    /** Starts a new page unless {@code height} points still fit above the footer; true when it did. */
    boolean ensure(float height) throws IOException {
        if (y - height >= MARGIN + FOOTER) {
            return false;
        }
        newPage();
        return true;
    }

    private void newPage() throws IOException {
        if (content != null) {
            content.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        content = new PDPageContentStream(document, page);
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    /** One line with its baseline at {@code baseline}; does not move the cursor. */
    void text(String printable, float x, float baseline, float size, Color color, boolean bold) throws IOException {
        content.beginText();
        content.setFont(font.pdFont(), size);
        content.setNonStrokingColor(color);
        if (bold) {
            // Only the regular face is bundled; a thin outline of the same colour reads as bold on screen and paper.
            content.setStrokingColor(color);
            content.setLineWidth(size / 30f);
            content.setRenderingMode(RenderingMode.FILL_STROKE);
        } else {
            content.setRenderingMode(RenderingMode.FILL);
        }
        content.newLineAtOffset(x, baseline);
        content.showText(printable);
        content.endText();
    }

    /** Lines from {@code x}, top at the cursor; moves the cursor below them. */
    void lines(List<String> lines, float x, float size, float leading, Color color, boolean bold) throws IOException {
        for (String line : lines) {
            text(line, x, y - size, size, color, bold);
            y -= leading;
        }
    }

    void centred(String text, float size, Color color, boolean bold) throws IOException {
        String printable = font.printable(text);
        float x = MARGIN + (WIDTH - font.width(printable, size)) / 2;
        text(printable, Math.max(MARGIN, x), y - size, size, color, bold);
        y -= size * 1.4f;
    }

    void fill(float x, float top, float width, float height, Color color) throws IOException {
        content.setNonStrokingColor(color);
        content.addRect(x, top - height, width, height);
        content.fill();
    }

    void frame(float x, float top, float width, float height, Color color) throws IOException {
        content.setStrokingColor(color);
        content.setLineWidth(0.5f);
        content.addRect(x, top - height, width, height);
        content.stroke();
    }

    void line(float x1, float y1, float x2, float y2, Color color) throws IOException {
        content.setStrokingColor(color);
        content.setLineWidth(0.5f);
        content.moveTo(x1, y1);
        content.lineTo(x2, y2);
        content.stroke();
    }

    /** "Kyso Agent … — Trang i/n" at the bottom of every page, once the page count is known. */
    void footers(String left, String pageWord) throws IOException {
        content.close();
        content = null;
        int total = document.getNumberOfPages();
        for (int i = 0; i < total; i++) {
            try (PDPageContentStream footer = new PDPageContentStream(document, document.getPage(i),
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                footer.setFont(font.pdFont(), 8);
                footer.setNonStrokingColor(Color.DARK_GRAY);
                footer.beginText();
                footer.newLineAtOffset(MARGIN, MARGIN);
                footer.showText(font.printable(left));
                footer.endText();
                String page = font.printable(pageWord + " " + (i + 1) + "/" + total);
                footer.beginText();
                footer.newLineAtOffset(MARGIN + WIDTH - font.width(page, 8), MARGIN);
                footer.showText(page);
                footer.endText();
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (content != null) {
            content.close();
            content = null;
        }
    }
}
