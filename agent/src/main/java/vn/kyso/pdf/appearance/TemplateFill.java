package vn.kyso.pdf.appearance;

import java.io.IOException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import vn.kyso.errors.KysoException;
import vn.kyso.pdf.Pages;

/**
 * Finds the blanks a template leaves for the văn thư (Nghị định 30/2020, Phụ lục I: "Số:      /QĐ-UBND",
 * "Thừa Thiên Huế, ngày    tháng    năm 2026") and measures how the clerk's number and date fit into them: the size
 * and baseline of the printed words they complete, and room that no printed glyph occupies.
 */
final class TemplateFill {

    /** A space of a Times face is a quarter of its size: the gap kept between printed and inserted words. */
    static final float SPACE = 0.25f;
    /** Text may shrink this far to fit a narrow blank and still read as the same size (within 10 %). */
    static final float MIN_SCALE = 0.92f;
    /** A printed year belongs to "năm" only when it follows within this many font sizes. */
    private static final float YEAR_DISTANCE = 2f;

    private enum Align { LEFT, CENTRE, RIGHT }

    private TemplateFill() {
    }

    /**
     * The document number after {@code label}. When the template prints the ký hiệu ("/QĐ-UBND") after a blank, the
     * number goes into that blank, right against the slash, and a number given with the same ký hiệu is written
     * without it; otherwise the number is written whole after the label.
     */
    static Insertion number(PDDocument document, String label, String number) throws IOException {
        Found found = find(document, label);
        TemplateLine line = found.line();
        List<TemplateLine.Word> words = line.words();
        TemplateLine.Word last = words.get(found.labelEnd());
        float size = last.size();
        int next = line.nextText(found.labelEnd());
        String written = number.strip();
        if (next >= 0 && words.get(next).text().startsWith("/")) {
            TemplateLine.Word suffix = words.get(next);
            return fit(document, line, label, withoutSuffix(written, suffix.text()), last.inkRight() + SPACE * size,
                    suffix.left(),
                    last.baseline(), size, last.style(), Align.RIGHT, line.fillerBoxes(found.labelEnd() + 1, next));
        }
        return after(document, found, label, written);
    }

    /** {@code text} continuing the line of {@code label}: one space after it, in its size, on its baseline. */
    static Insertion after(PDDocument document, String label, String text) throws IOException {
        return after(document, find(document, label), label, text);
    }

    private static Insertion after(PDDocument document, Found found, String label, String text) throws IOException {
        TemplateLine line = found.line();
        TemplateLine.Word last = line.words().get(found.labelEnd());
        float size = last.size();
        int next = line.nextText(found.labelEnd());
        return fit(document, line, label, text, last.inkRight() + SPACE * size, rightBound(document, line, next, size),
                last.baseline(), size, last.style(), Align.LEFT,
                line.fillerBoxes(found.labelEnd() + 1, next < 0 ? line.words().size() : next));
    }

    /**
     * The issue date. Blanks "ngày … tháng … năm …" get the day and month (and the year when it is blank too), on the
     * line of {@code placeLabel} when one is given, else the first such line from page 1; a template without
     * blanks gets the whole date after {@code placeLabel}.
     */
    static List<Insertion> date(PDDocument document, LocalDate date, String placeLabel) throws IOException {
        if (placeLabel != null) {
            Found place = find(document, placeLabel);
            List<Insertion> inBlanks = dateBlanks(document, place.line(), date, place.labelEnd());
            if (inBlanks != null) {
                return inBlanks;
            }
            return List.of(after(document, place, placeLabel, StampTime.issueDate(date)));
        }
        for (int page = 0; page < document.getNumberOfPages(); page++) {
            for (TemplateLine line : TemplateLine.of(page, AnchorFinder.visualGlyphs(document, page))) {
                List<Insertion> inBlanks = dateBlanks(document, line, date, -1);
                if (inBlanks != null) {
                    return inBlanks;
                }
            }
        }
        throw new KysoException(AppearanceError.DATE_BLANK_NOT_FOUND, Map.of(), null);
    }

    /** The insertions for "ngày … tháng … năm …" on this line after word {@code from}, or null when it has none. */
    private static List<Insertion> dateBlanks(PDDocument document, TemplateLine line, LocalDate date, int from)
            throws IOException {
        List<TemplateLine.Word> words = line.words();
        for (int day = line.indexOf("ngày", from + 1); day >= 0; day = line.indexOf("ngày", day + 1)) {
            int month = line.nextText(day);
            if (month < 0 || !words.get(month).is("tháng")) {
                continue; // the day is printed, or this "ngày" is prose
            }
            int year = line.nextText(month);
            if (year < 0 || !words.get(year).is("năm")) {
                continue;
            }
            List<Insertion> insertions = new ArrayList<>();
            insertions.add(between(document, line, day, month, String.format("%02d", date.getDayOfMonth())));
            insertions.add(between(document, line, month, year, StampTime.month(date)));
            TemplateLine.Word nam = words.get(year);
            float size = nam.size();
            int after = line.nextText(year);
            if (after >= 0 && words.get(after).left() - nam.right() < YEAR_DISTANCE * size
                    && words.get(after).text().matches("\\d{4}\\D*")) {
                String printed = words.get(after).text().substring(0, 4);
                if (Integer.parseInt(printed) != date.getYear()) {
                    throw new KysoException(AppearanceError.ISSUE_YEAR_MISMATCH,
                            Map.of("year", date.getYear(), "printed", printed), null,
                            Integer.toString(date.getYear()), printed);
                }
            } else {
                List<PDRectangle> fillers = line.fillerBoxes(year + 1, after < 0 ? words.size() : after);
                float left = nam.inkRight() + SPACE * size;
                String text = Integer.toString(date.getYear());
                float dotsEnd = (float) fillers.stream().mapToDouble(PDRectangle::getUpperRightX).max().orElse(left);
                boolean fitsTheDots = StampFont.width(StampFont.of(document, nam.style()), text, size) <= dotsEnd - left;
                // The year closes the line: when its dots are too short it may run on into the free space after them.
                insertions.add(fitsTheDots
                        ? fit(document, line, "năm", text, left, dotsEnd, nam.baseline(), size, nam.style(),
                                Align.CENTRE, fillers)
                        : fit(document, line, "năm", text, left, rightBound(document, line, after, size),
                                nam.baseline(), size, nam.style(), Align.LEFT, fillers));
            }
            return insertions;
        }
        return null;
    }

    private static Insertion between(PDDocument document, TemplateLine line, int before, int after, String text)
            throws IOException {
        TemplateLine.Word label = line.words().get(before);
        TemplateLine.Word next = line.words().get(after);
        float size = label.size();
        return fit(document, line, label.text(), text, label.inkRight() + SPACE * size, next.left() - SPACE * size,
                label.baseline(), size, label.style(), Align.CENTRE, line.fillerBoxes(before + 1, after));
    }

    /**
     * Places {@code text} in [left, right] on the baseline, in the style of the label it continues, shrinking it at
     * most to {@link #MIN_SCALE}.
     */
    private static Insertion fit(PDDocument document, TemplateLine line, String label, String text, float left,
                                 float right, float baseline, float size, FontStyle style, Align align,
                                 List<PDRectangle> masks) throws IOException {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        PDType0Font font = StampFont.of(document, style);
        float width = StampFont.width(font, nfc, size);
        float room = right - left;
        if (width > room) {
            if (width * MIN_SCALE > room) {
                throw new KysoException(AppearanceError.TEMPLATE_BLANK_TOO_NARROW, Map.of("label", label), null,
                        label, nfc);
            }
            size *= room / width;
            width = room;
        }
        float x = switch (align) {
            case LEFT -> left;
            case RIGHT -> right - width;
            case CENTRE -> left + (room - width) / 2;
        };
        Insertion insertion = new Insertion(line.pageIndex(), nfc, x, baseline, size, style, masks);
        requireClear(document, insertion, width);
        return insertion;
    }

    /*
     * Blanks are measured on their own line; this also catches the lines above and below when a template is set
     * with tight leading. Glyphs are compared by their cores (descender to cap height), the part ink occupies.
     */
    private static void requireClear(PDDocument document, Insertion insertion, float width) throws IOException {
        PDRectangle core = core(insertion.x(), width, insertion.baseline(), insertion.size());
        for (PageGlyph glyph : AnchorFinder.visualGlyphs(document, insertion.pageIndex())) {
            if (glyph.filler() || glyph.text().isBlank()) {
                continue;
            }
            PDRectangle other = core(glyph.left(), glyph.box().getWidth(), glyph.baseline(), glyph.size());
            float overlapX = Math.min(core.getUpperRightX(), other.getUpperRightX())
                    - Math.max(core.getLowerLeftX(), other.getLowerLeftX());
            float overlapY = Math.min(core.getUpperRightY(), other.getUpperRightY())
                    - Math.max(core.getLowerLeftY(), other.getLowerLeftY());
            if (overlapX > 0.2f && overlapY > 0.2f) {
                throw new KysoException(AppearanceError.TEXT_WOULD_OVERLAP, Map.of(), null, insertion.text());
            }
        }
    }

    private static PDRectangle core(float x, float width, float baseline, float size) {
        return new PDRectangle(x, baseline - 0.2f * size, width, 0.9f * size);
    }

    /** Up to the next printed word (one space before it), or the visible page's right edge. */
    private static float rightBound(PDDocument document, TemplateLine line, int next, float size) {
        if (next >= 0) {
            return line.words().get(next).left() - SPACE * size;
        }
        return PageFrame.of(Pages.get(document, line.pageIndex())).visualWidth();
    }

    static String withoutSuffix(String number, String suffix) {
        int slash = number.indexOf('/');
        if (slash < 0) {
            return number;
        }
        if (compact(number.substring(slash)).equals(compact(suffix))) {
            return number.substring(0, slash).strip();
        }
        throw new KysoException(AppearanceError.DOCUMENT_NUMBER_SUFFIX_MISMATCH, Map.of("suffix", suffix), null,
                number, suffix);
    }

    private static String compact(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).replaceAll("\\s+", "");
    }

    private record Found(TemplateLine line, int labelEnd) {
    }

    /** The first line (from page 1, top down) that carries {@code label}. */
    private static Found find(PDDocument document, String label) throws IOException {
        for (int page = 0; page < document.getNumberOfPages(); page++) {
            for (TemplateLine line : TemplateLine.of(page, AnchorFinder.visualGlyphs(document, page))) {
                int start = line.indexOfLabel(label, 0);
                if (start >= 0) {
                    return new Found(line, line.labelEnd(label, start));
                }
            }
        }
        throw AnchorFinder.notFound(label);
    }
}
