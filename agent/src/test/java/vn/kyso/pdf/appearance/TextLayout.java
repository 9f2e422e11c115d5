package vn.kyso.pdf.appearance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of one page as poppler's {@code pdftotext -bbox-layout} reads them — an extractor we did not write, which
 * also reads annotation appearances — with boxes in points from the page's top-left corner.
 */
record TextLayout(List<TextLayout.Word> words) {

    /** Share of a Liberation Serif/Times box (ascent 0.891 + descent 0.216) below the baseline. */
    static final double DESCENT_SHARE = 0.216 / (0.891 + 0.216);

    record Word(String text, double xMin, double yMin, double xMax, double yMax) {

        double height() {
            return yMax - yMin;
        }

        /** The baseline, from the top of the page. */
        double baseline() {
            return yMax - DESCENT_SHARE * height();
        }

        boolean overlaps(Word other, double tolerance) {
            return Math.min(xMax, other.xMax) - Math.max(xMin, other.xMin) > tolerance
                    && Math.min(yMax, other.yMax) - Math.max(yMin, other.yMin) > tolerance;
        }

        boolean filler() {
            return !text.isEmpty() && text.chars().allMatch(Word::isFiller);
        }

        private static boolean isFiller(int c) {
            return c == '.' || c == '_' || c == '\u2026';
        }

        /**
         * This word as a reader sees it when the inserted text's white covers part of the drawn blank: the dots or
         * underscores at its start or end that lie inside {@code covers} are dropped (empty when nothing is left).
         * pdftotext gives word boxes only, so the cut is measured with Liberation Serif's advances ('.' is a
         * quarter of the size, '_' a half) at the size the word's height gives.
         */
        java.util.Optional<Word> withoutHiddenFillers(List<org.apache.pdfbox.pdmodel.common.PDRectangle> covers) {
            double size = height() / (0.891 + 0.216);
            int start = 0;
            double left = xMin;
            while (start < text.length() && isFiller(text.charAt(start))) {
                left += advance(text.charAt(start), size);
                start++;
            }
            int end = text.length();
            double right = xMax;
            while (end > start && isFiller(text.charAt(end - 1))) {
                right -= advance(text.charAt(end - 1), size);
                end--;
            }
            boolean headHidden = start > 0 && covered(covers, xMin, left);
            boolean tailHidden = end < text.length() && covered(covers, right, xMax);
            if (headHidden && end == start || tailHidden && end == start) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new Word(text.substring(headHidden ? start : 0,
                    tailHidden ? end : text.length()), headHidden ? left : xMin, yMin, tailHidden ? right : xMax, yMax));
        }

        private boolean covered(List<org.apache.pdfbox.pdmodel.common.PDRectangle> covers, double from, double to) {
            double cy = (yMin + yMax) / 2;
            return covers.stream().anyMatch(b -> b.getLowerLeftX() <= from + 0.5 && b.getUpperRightX() >= to - 0.5
                    && cy >= b.getLowerLeftY() && cy <= b.getUpperRightY());
        }

        private static double advance(char c, double size) {
            return (c == '_' ? 0.5 : 0.25) * size;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%s[%.1f %.1f %.1f %.1f]", text, xMin, yMin, xMax, yMax);
        }
    }

    private static final Pattern WORD = Pattern.compile(
            "<word xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" xMax=\"([\\d.]+)\" yMax=\"([\\d.]+)\">([^<]*)</word>");

    static TextLayout of(byte[] pdf, int pageIndex, Path work) throws IOException, InterruptedException {
        Path input = Files.createTempFile(work, "layout", ".pdf");
        Files.write(input, pdf);
        Path output = work.resolve(input.getFileName() + ".html");
        Process process = new ProcessBuilder("pdftotext", "-bbox-layout", "-f", Integer.toString(pageIndex + 1),
                "-l", Integer.toString(pageIndex + 1), input.toString(), output.toString())
                .redirectErrorStream(true).start();
        String log = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("pdftotext failed: " + log);
        }
        List<Word> words = new ArrayList<>();
        Matcher m = WORD.matcher(Files.readString(output));
        while (m.find()) {
            words.add(new Word(unescape(m.group(5)), Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                    Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4))));
        }
        return new TextLayout(words);
    }

    /** The words whose baseline is within a third of their height of {@code word}'s, left to right. */
    List<Word> lineOf(Word word) {
        return words.stream()
                .filter(w -> Math.abs(w.baseline() - word.baseline()) < word.height() / 3)
                .sorted(Comparator.comparingDouble(Word::xMin)).toList();
    }

    /**
     * A line as a person reads it: words that touch (a gap under a sixth of their height, less than a space) run
     * together, as "123" written against "/QĐ-UBND" reads "123/QĐ-UBND".
     */
    static String read(List<Word> line) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < line.size(); i++) {
            if (i > 0 && line.get(i).xMin() - line.get(i - 1).xMax() >= line.get(i).height() / 6) {
                text.append(' ');
            }
            text.append(line.get(i).text());
        }
        return text.toString();
    }

    Word first(String text) {
        return words.stream().filter(w -> w.text().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no word " + text + " in " + words));
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }
}
