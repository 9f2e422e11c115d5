package vn.kyso.verify.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Liberation Serif (the font the stamps use, full Vietnamese coverage), embedded as a subset with a ToUnicode map so
 * the printed report's text can be searched and copied. Values come from the document being checked and may hold
 * characters the font lacks (CJK, emoji, control characters): those become "?" instead of failing the report.
 */
final class PdfFont {

    private static final String RESOURCE = "/vn/kyso/pdf/fonts/LiberationSerif-Regular.ttf";

    private final PDType0Font font;
    private final Map<Integer, Boolean> renderable = new HashMap<>();

    private PdfFont(PDType0Font font) {
        this.font = font;
    }

    static PdfFont load(PDDocument document) throws IOException {
        try (InputStream in = PdfFont.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("bundled font missing: " + RESOURCE);
            }
            return new PdfFont(PDType0Font.load(document, in, true));
        }
    }

    PDType0Font pdFont() {
        return font;
    }

    /** {@code text} with whitespace controls as spaces and every glyph the font lacks as "?". */
    String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isWhitespace(cp) || Character.isISOControl(cp)) {
                out.append(' ');
            } else if (renderable.computeIfAbsent(cp, this::hasGlyph)) {
                out.appendCodePoint(cp);
            } else {
                out.append('?');
            }
        });
        return out.toString();
    }

    private boolean hasGlyph(int codePoint) {
        try {
            font.encode(new String(Character.toChars(codePoint)));
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    float width(String printable, float size) {
        try {
            return font.getStringWidth(printable) / 1000f * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Lines of at most {@code width} points: breaks at spaces, and inside a word only when the word alone is wider
     * (a SHA-256, a long field name).
     */
    List<String> wrap(String text, float size, float width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : printable(text).strip().split(" +")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (width(candidate, size) <= width) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            while (width(word, size) > width) {
                int cut = word.offsetByCodePoints(0, 1);
                while (cut < word.length() && width(word.substring(0, word.offsetByCodePoints(cut, 1)), size) <= width) {
                    cut = word.offsetByCodePoints(cut, 1);
                }
                lines.add(word.substring(0, cut));
                word = word.substring(cut);
            }
            line.append(word);
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
