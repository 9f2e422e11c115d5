package vn.kyso.pdf.appearance;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import vn.kyso.errors.KysoException;
import vn.kyso.pdf.Pages;

/**
 * The incoming stamp (dấu "ĐẾN", Nghị định 30/2020, Phụ lục IV) as the văn thư stamps paper: a 50 × 35 mm frame in
 * blank space on page 1 (under the date or the number, as the regulation asks), holding the receiving organisation's
 * name, "ĐẾN" boxed on the left of "Số:" (số đến), "Ngày:" and "Giờ:" (received), then "Chuyển:" (who handles it) and
 * "Số và ký hiệu HS:" (the file it joins). A value not known yet leaves its label followed by dots, as on the rubber
 * stamp.
 */
final class IncomingStamp extends Stamp {

    /** The stamp's size in Nghị định 30/2020: 35 mm × 50 mm, laid wide. */
    static final double WIDTH_MM = 50;
    static final double HEIGHT_MM = 35;
    static final float SIZE = StampFont.SIZE;
    static final float LEADING = StampFont.LEADING;
    /** "ĐẾN" is the stamp's largest word. */
    static final float WORD_SIZE = 14;
    /** A line shrinks this far to fit the frame before the stamp is refused. */
    static final float MIN_SIZE = 7;
    static final float PADDING = 4;
    private static final float GAP = 4;
    private static final String BLANK = "..........................................";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final String organisation;
    private final String numberIn;
    private final Instant receivedAt;
    private final String forwardTo;
    private final String fileNumber;

    IncomingStamp(String organisation, String numberIn, Instant receivedAt, String forwardTo, String fileNumber) {
        this.organisation = organisation.strip().toUpperCase(Locale.ROOT);
        this.numberIn = blankToNull(numberIn);
        this.receivedAt = receivedAt;
        this.forwardTo = blankToNull(forwardTo);
        this.fileNumber = blankToNull(fileNumber);
    }

    /** The texts in reading order, for the consent dialog and for tests. */
    List<String> lines() {
        var time = receivedAt.atOffset(StampTime.VIETNAM);
        return List.of(organisation, "ĐẾN", "Số: " + value(numberIn), "Ngày: " + DAY.format(time),
                "Giờ: " + TIME.format(time), "Chuyển: " + value(forwardTo), "Số và ký hiệu HS: " + value(fileNumber));
    }

    /**
     * Where the văn thư would stamp paper (Nghị định 30/2020, Điều 22 and Phụ lục IV): in blank space under the date
     * line, else under the number ("Số:") and the trích yếu, else the first blank 50 × 35 mm of page 1 from the top
     * right; a page with no such blank gets the top-right corner.
     */
    @Override
    protected Placement locate(PDDocument document) throws IOException {
        AnchorFinder.requirePage(document, 0);
        PageFrame frame = PageFrame.of(Pages.get(document, 0));
        Size size = new Size(Units.mm(WIDTH_MM), Units.mm(HEIGHT_MM));
        List<PDRectangle> ink = new ArrayList<>();
        List<TemplateLine> lines = new ArrayList<>();
        List<PageGlyph> glyphs = AnchorFinder.visualGlyphs(document, 0);
        for (PageGlyph glyph : glyphs) {
            if (!glyph.text().isBlank()) {
                ink.add(glyph.box());
            }
        }
        lines.addAll(TemplateLine.of(0, glyphs));
        BlankSpace blank = new BlankSpace(frame, size, ink);
        for (boolean date : List.of(true, false)) {
            for (TemplateLine line : lines) {
                int anchor = date ? dateWord(line) : line.indexOfLabel("Số:", 0);
                if (anchor >= 0) {
                    Optional<PDRectangle> below = blank.below(block(line, anchor));
                    if (below.isPresent()) {
                        return new Placement(0, frame.toUser(below.get()), null);
                    }
                    break;
                }
            }
        }
        PDRectangle place = blank.anywhere().orElseGet(() -> visualRect(
                frame.visualWidth() - Units.mm(CornerStamp.RIGHT_MARGIN_MM) - size.width(),
                frame.visualHeight() - Units.mm(CornerStamp.TOP_MARGIN_MM) - size.height(), size));
        return new Placement(0, frame.toUser(place), null);
    }

    /** "ngày" followed by "tháng" on the line (the place-and-date line), or -1. */
    private static int dateWord(TemplateLine line) {
        int day = line.indexOf("ngày", 0);
        return day >= 0 && line.indexOf("tháng", day + 1) >= 0 ? day : -1;
    }

    /**
     * The words around {@code anchor} that belong to its block: a header sets "Số: …" and "place, ngày …" on one
     * baseline in two columns, split by a gap far wider than a space.
     */
    private static List<TemplateLine.Word> block(TemplateLine line, int anchor) {
        List<TemplateLine.Word> words = line.words();
        int first = anchor;
        int last = anchor;
        while (first > 0 && words.get(first).left() - words.get(first - 1).right() < 3 * words.get(first).size()) {
            first--;
        }
        while (last + 1 < words.size()
                && words.get(last + 1).left() - words.get(last).right() < 3 * words.get(last).size()) {
            last++;
        }
        return words.subList(first, last + 1);
    }

    /** Free rectangles of the stamp's size on the page: inside the margins, clear of every printed glyph. */
    private record BlankSpace(PageFrame frame, Size size, List<PDRectangle> ink) {

        private static final float STEP = 3;
        private static final float CLEARANCE = 3;

        /** Straight under {@code words}, centred on them, as far down as the first blank. */
        Optional<PDRectangle> below(List<TemplateLine.Word> words) {
            float left = words.get(0).left();
            float right = words.get(words.size() - 1).right();
            float bottom = (float) words.stream().flatMap(w -> w.boxes().stream())
                    .mapToDouble(PDRectangle::getLowerLeftY).min().orElse(0);
            float x = clamp((left + right) / 2 - size.width() / 2, margin(), frame.visualWidth() - margin()
                    - size.width());
            for (float top = bottom - CLEARANCE; top - size.height() >= margin(); top -= STEP) {
                PDRectangle candidate = visualRect(x, top - size.height(), size);
                if (free(candidate)) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        }

        /** The first blank from the top, right to left. */
        Optional<PDRectangle> anywhere() {
            for (float top = frame.visualHeight() - margin(); top - size.height() >= margin(); top -= STEP) {
                for (float x = frame.visualWidth() - margin() - size.width(); x >= margin(); x -= STEP) {
                    PDRectangle candidate = visualRect(x, top - size.height(), size);
                    if (free(candidate)) {
                        return Optional.of(candidate);
                    }
                }
            }
            return Optional.empty();
        }

        private boolean free(PDRectangle r) {
            for (PDRectangle glyph : ink) {
                if (glyph.getLowerLeftX() < r.getUpperRightX() + CLEARANCE
                        && glyph.getUpperRightX() > r.getLowerLeftX() - CLEARANCE
                        && glyph.getLowerLeftY() < r.getUpperRightY() + CLEARANCE
                        && glyph.getUpperRightY() > r.getLowerLeftY() - CLEARANCE) {
                    return false;
                }
            }
            return true;
        }

        private float margin() {
            return Units.mm(CornerStamp.TOP_MARGIN_MM);
        }

        private static float clamp(float value, float min, float max) {
            return Math.max(min, Math.min(max, value));
        }
    }

    @Override
    protected void paint(PDDocument document, StampCanvas canvas) throws IOException {
        PDType0Font regular = StampFont.of(document);
        PDType0Font bold = StampFont.of(document, FontStyle.BOLD);
        PDPageContentStream content = canvas.content();
        float width = canvas.width();
        float inner = width - 2 * PADDING;
        List<String> all = lines();
        float top = canvas.height() - PADDING;

        // the organisation: bold capitals, centred, on one line or two
        List<String> name = organisationLines(bold, inner);
        float nameSize = Math.min(SIZE, fitting(bold, name, inner));
        // what the rows need; the rest of the 35 mm is shared out between them, as the rubber stamp spaces them
        float used = name.size() * nameSize * LEADING / SIZE + GAP / 2 + 5 * LEADING;
        float spread = Math.max(0, (canvas.height() - 2 * PADDING - used) / 3);
        for (String line : name) {
            top -= nameSize;
            float lineWidth = StampFont.width(bold, line, nameSize);
            write(content, bold, nameSize, (width - lineWidth) / 2, top, line);
            top -= nameSize * (LEADING / SIZE - 1);
        }
        top -= GAP / 2 + spread;

        // "ĐẾN" boxed on the left of Số / Ngày / Giờ
        float wordWidth = StampFont.width(bold, "ĐẾN", WORD_SIZE);
        float boxWidth = wordWidth + 2 * GAP;
        float boxHeight = 3 * LEADING;
        float boxBottom = top - boxHeight;
        content.setLineWidth(0.6f);
        content.addRect(PADDING, boxBottom, boxWidth, boxHeight);
        content.stroke();
        write(content, bold, WORD_SIZE, PADDING + GAP, boxBottom + (boxHeight - WORD_SIZE * 0.7f) / 2, "ĐẾN");
        float column = PADDING + boxWidth + GAP;
        float line = top;
        for (String text : all.subList(2, 5)) {
            line -= LEADING;
            labelled(content, regular, column, width - PADDING - column, line + (LEADING - SIZE) / 2, text);
        }
        line = boxBottom;
        for (String text : all.subList(5, 7)) {
            line -= LEADING + spread;
            labelled(content, regular, PADDING, inner, line + (LEADING - SIZE) / 2, text);
        }

        content.setLineWidth(0.8f);
        content.addRect(0.4f, 0.4f, width - 0.8f, canvas.height() - 0.8f);
        content.stroke();
    }

    /** The name on one line when it fits at {@link #SIZE}, else split in two near the middle between words. */
    private List<String> organisationLines(PDType0Font font, float width) {
        if (StampFont.width(font, organisation, SIZE) <= width || !organisation.contains(" ")) {
            return List.of(organisation);
        }
        String[] words = organisation.split(" ");
        List<String> best = null;
        float bestWidth = Float.MAX_VALUE;
        for (int cut = 1; cut < words.length; cut++) {
            List<String> two = List.of(String.join(" ", List.of(words).subList(0, cut)),
                    String.join(" ", List.of(words).subList(cut, words.length)));
            float widest = Math.max(StampFont.width(font, two.get(0), SIZE), StampFont.width(font, two.get(1), SIZE));
            if (widest < bestWidth) {
                best = two;
                bestWidth = widest;
            }
        }
        return best;
    }

    /** The largest size at which every line fits {@code width}; refused below {@link #MIN_SIZE}. */
    private static float fitting(PDType0Font font, List<String> lines, float width) {
        float size = SIZE;
        for (String line : lines) {
            float natural = StampFont.width(font, line, SIZE);
            if (natural > width) {
                size = Math.min(size, SIZE * width / natural);
            }
        }
        if (size < MIN_SIZE) {
            throw new KysoException(AppearanceError.INCOMING_STAMP_TEXT_TOO_LONG, Map.of(), null,
                    String.join(" ", lines));
        }
        return size;
    }

    /** "Label: value" on one line, the value's dots cut to the room left, the line shrunk only if the value is long. */
    private static void labelled(PDPageContentStream content, PDType0Font font, float left, float width,
                                 float baseline, String text) throws IOException {
        String shown = text;
        if (text.endsWith(BLANK)) {
            String label = text.substring(0, text.length() - BLANK.length());
            StringBuilder dots = new StringBuilder();
            while (StampFont.width(font, label + dots + ".", SIZE) <= width) {
                dots.append('.');
            }
            shown = label + dots;
        }
        write(content, font, fitting(font, List.of(shown), width), left, baseline, shown);
    }

    private static void write(PDPageContentStream content, PDType0Font font, float size, float x, float baseline,
                              String text) throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.setNonStrokingColor(0f);
        content.newLineAtOffset(x, baseline);
        content.showText(text);
        content.endText();
    }

    private static String value(String text) {
        return text == null ? BLANK : text;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
