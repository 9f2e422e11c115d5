package vn.kyso.pdf.appearance;

import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Lines of stamp text in {@link StampFont} size 10, black, upright (Nghị định 30/2020, Phụ lục I). Text is kept in
 * Unicode NFC because the font has precomposed Vietnamese letters but no mark-positioning tables that a decomposed
 * "ế" would need.
 */
public record TextBlock(List<String> lines) {

    public TextBlock {
        lines = lines.stream().map(line -> Normalizer.normalize(line, Normalizer.Form.NFC)).toList();
    }

    public static TextBlock of(String... lines) {
        return new TextBlock(List.of(lines));
    }

    /** Breaks each paragraph at spaces so no line is wider than {@code maxWidth} (a single long word still overflows). */
    public static TextBlock wrapped(PDType0Font font, float maxWidth, List<String> paragraphs) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : paragraphs) {
            String normalised = Normalizer.normalize(paragraph.strip(), Normalizer.Form.NFC);
            StringBuilder line = new StringBuilder();
            for (String word : normalised.split("\\s+")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (!line.isEmpty() && StampFont.width(font, candidate) > maxWidth) {
                    lines.add(line.toString());
                    line.setLength(0);
                    line.append(word);
                } else {
                    line.setLength(0);
                    line.append(candidate);
                }
            }
            lines.add(line.toString());
        }
        return new TextBlock(lines);
    }

    public float width(PDType0Font font) {
        float width = 0;
        for (String line : lines) {
            width = Math.max(width, StampFont.width(font, line));
        }
        return width;
    }

    /** From the top of the first line's accents to the bottom of the last line's descenders. */
    public float height(PDType0Font font) {
        return StampFont.ascent(font) + (lines.size() - 1) * StampFont.LEADING + StampFont.descent(font);
    }

    /** Draws left-aligned lines whose block top is at {@code top}. */
    public void draw(PDPageContentStream content, PDType0Font font, float left, float top) throws IOException {
        content.beginText();
        content.setFont(font, StampFont.SIZE);
        content.setNonStrokingColor(0f); // black, DeviceGray
        content.setLeading(StampFont.LEADING);
        content.newLineAtOffset(left, top - StampFont.ascent(font));
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                content.newLine();
            }
            content.showText(lines.get(i));
        }
        content.endText();
    }
}
