package vn.kyso.pdf.appearance;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * One printed line of a template, cut into words and blanks. PDFs rarely draw the spaces of a blank as glyphs, so
 * a word ends at a filler (dots, underscores) or at a gap wider than a fifth of the font size — narrower than any
 * space of a Times face (a quarter of the size) and wider than any kerning.
 */
record TemplateLine(int pageIndex, List<Word> words) {

    /** Gap (in font sizes) that separates two words. */
    static final float WORD_GAP = 0.2f;
    /** Two glyphs share a line when their baselines differ by less than this share of the font size. */
    private static final float SAME_BASELINE = 0.3f;

    /** A run of letters, or (filler = true) a run of dots/underscores drawn as the blank. */
    record Word(String text, List<PageGlyph> glyphs, boolean filler) {

        float left() {
            return glyphs.get(0).left();
        }

        float right() {
            return glyphs.get(glyphs.size() - 1).right();
        }

        float baseline() {
            return glyphs.get(0).baseline();
        }

        /** Where the ink ends: an italic word leans past its last advance, and text after it keeps clear of that. */
        float inkRight() {
            return Math.max(right(), glyphs.get(glyphs.size() - 1).box().getUpperRightX());
        }

        /** The size of the text a blank completes: the most common size of the word's glyphs. */
        float size() {
            return glyphs.stream().map(PageGlyph::size).sorted().toList().get(glyphs.size() / 2);
        }

        /** The style most of the word's glyphs are printed in: what text written after it continues. */
        FontStyle style() {
            java.util.Map<FontStyle, Long> counts = glyphs.stream().collect(java.util.stream.Collectors.groupingBy(
                    PageGlyph::style, () -> new java.util.EnumMap<>(FontStyle.class),
                    java.util.stream.Collectors.counting()));
            return counts.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
        }

        List<PDRectangle> boxes() {
            return glyphs.stream().map(PageGlyph::box).toList();
        }

        boolean is(String word) {
            return text.equals(Normalizer.normalize(word, Normalizer.Form.NFC));
        }
    }

    /** The page's glyphs grouped into lines (top to bottom), each line's words left to right. */
    static List<TemplateLine> of(int pageIndex, List<PageGlyph> glyphs) {
        List<PageGlyph> sorted = new ArrayList<>(glyphs);
        sorted.sort(Comparator.comparingDouble((PageGlyph g) -> -g.baseline()).thenComparingDouble(PageGlyph::left));
        List<List<PageGlyph>> lines = new ArrayList<>();
        for (PageGlyph glyph : sorted) {
            List<PageGlyph> line = lines.isEmpty() ? null : lines.get(lines.size() - 1);
            if (line == null || Math.abs(line.get(0).baseline() - glyph.baseline())
                    > SAME_BASELINE * Math.max(glyph.size(), line.get(0).size())) {
                line = new ArrayList<>();
                lines.add(line);
            }
            line.add(glyph);
        }
        List<TemplateLine> result = new ArrayList<>();
        for (List<PageGlyph> line : lines) {
            line.sort(Comparator.comparingDouble(PageGlyph::left));
            result.add(new TemplateLine(pageIndex, words(line)));
        }
        return result;
    }

    private static List<Word> words(List<PageGlyph> line) {
        List<Word> words = new ArrayList<>();
        List<PageGlyph> current = new ArrayList<>();
        for (PageGlyph glyph : line) {
            if (glyph.text().isBlank()) {
                continue;
            }
            if (!current.isEmpty()) {
                PageGlyph last = current.get(current.size() - 1);
                boolean kindChanges = last.filler() != glyph.filler();
                boolean gap = glyph.left() - last.right() > WORD_GAP * glyph.size();
                if (kindChanges || gap && !glyph.filler()) {
                    words.add(word(current));
                    current = new ArrayList<>();
                }
            }
            current.add(glyph);
        }
        if (!current.isEmpty()) {
            words.add(word(current));
        }
        return joinLonePunctuation(words);
    }

    /*
     * One dot touching a word is punctuation ("KT.", "Lưu: VT.", "./."), not a blank: it joins the word it touches.
     * A blank is at least two fillers, or one standing apart.
     */
    private static List<Word> joinLonePunctuation(List<Word> words) {
        List<Word> result = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            Word word = words.get(i);
            boolean lone = word.filler() && word.glyphs().size() == 1;
            PageGlyph dot = word.glyphs().get(0);
            if (lone && !result.isEmpty() && !result.get(result.size() - 1).filler()
                    && dot.left() - result.get(result.size() - 1).right() <= WORD_GAP * dot.size()) {
                Word before = result.remove(result.size() - 1);
                List<PageGlyph> glyphs = new ArrayList<>(before.glyphs());
                glyphs.add(dot);
                result.add(word(glyphs, false));
            } else if (lone && i + 1 < words.size() && !words.get(i + 1).filler()
                    && words.get(i + 1).left() - dot.right() <= WORD_GAP * dot.size()) {
                List<PageGlyph> glyphs = new ArrayList<>(List.of(dot));
                glyphs.addAll(words.get(++i).glyphs());
                result.add(word(glyphs, false));
            } else {
                result.add(word);
            }
        }
        return result;
    }

    private static Word word(List<PageGlyph> glyphs) {
        return word(glyphs, glyphs.get(0).filler());
    }

    private static Word word(List<PageGlyph> glyphs, boolean filler) {
        StringBuilder text = new StringBuilder();
        glyphs.forEach(g -> text.append(g.text()));
        return new Word(Normalizer.normalize(text.toString(), Normalizer.Form.NFC), List.copyOf(glyphs), filler);
    }

    /**
     * Where {@code label} (one or more words, e.g. "Số:" or "Thừa Thiên Huế,") starts on this line, compared without
     * whitespace; -1 when absent. The label ends at word {@code indexOfLabel + wordCount(label) - 1}.
     */
    int indexOfLabel(String label, int from) {
        String wanted = compact(label);
        for (int start = Math.max(0, from); start < words.size(); start++) {
            StringBuilder joined = new StringBuilder();
            for (int i = start; i < words.size() && joined.length() < wanted.length(); i++) {
                joined.append(compact(words.get(i).text()));
                if (joined.toString().equals(wanted)) {
                    return start;
                }
            }
        }
        return -1;
    }

    /** The last word of the label that starts at {@code start}. */
    int labelEnd(String label, int start) {
        String wanted = compact(label);
        StringBuilder joined = new StringBuilder();
        int i = start;
        for (; i < words.size(); i++) {
            joined.append(compact(words.get(i).text()));
            if (joined.length() >= wanted.length()) {
                break;
            }
        }
        return i;
    }

    private static String compact(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).replaceAll("\\s+", "");
    }

    /** Index of the first word equal to {@code text} at or after {@code from}, or -1. */
    int indexOf(String text, int from) {
        for (int i = Math.max(0, from); i < words.size(); i++) {
            if (words.get(i).is(text)) {
                return i;
            }
        }
        return -1;
    }

    /** The words from {@code from} (inclusive) to {@code to} (exclusive) that are fillers: the drawn blank. */
    List<PDRectangle> fillerBoxes(int from, int to) {
        List<PDRectangle> boxes = new ArrayList<>();
        for (int i = Math.max(0, from); i < Math.min(to, words.size()); i++) {
            if (words.get(i).filler()) {
                boxes.addAll(words.get(i).boxes());
            }
        }
        return boxes;
    }

    /** The next word after {@code index} that is not a filler, or -1. */
    int nextText(int index) {
        for (int i = index + 1; i < words.size(); i++) {
            if (!words.get(i).filler()) {
                return i;
            }
        }
        return -1;
    }
}
