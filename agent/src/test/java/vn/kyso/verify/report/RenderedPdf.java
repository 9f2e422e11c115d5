package vn.kyso.verify.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** A report PDF as a reader gets it: its extracted text, its page count and page 1 rasterised by poppler. */
public record RenderedPdf(String text, int pages, BufferedImage page1) {

    public static RenderedPdf of(byte[] pdf, Path workDir, String name) throws IOException, InterruptedException {
        String text;
        int pages;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(document);
            pages = document.getNumberOfPages();
        }
        Path file = workDir.resolve(name + ".pdf");
        Files.write(file, pdf);
        Path prefix = workDir.resolve(name);
        Process process = new ProcessBuilder("pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", "-singlefile",
                file.toString(), prefix.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "pdftoppm hung");
        assertEquals(0, process.exitValue(), "pdftoppm failed: " + output);
        BufferedImage image = ImageIO.read(prefix.resolveSibling(name + ".png").toFile());
        return new RenderedPdf(text, pages, image);
    }

    /** Pixels within a small distance of {@code colour} (anti-aliasing blurs edges, not the inside of a band). */
    public int pixelsNear(Color colour) {
        int count = 0;
        for (int y = 0; y < page1.getHeight(); y++) {
            for (int x = 0; x < page1.getWidth(); x++) {
                Color c = new Color(page1.getRGB(x, y));
                if (Math.abs(c.getRed() - colour.getRed()) + Math.abs(c.getGreen() - colour.getGreen())
                        + Math.abs(c.getBlue() - colour.getBlue()) < 30) {
                    count++;
                }
            }
        }
        return count;
    }

    public int nonWhitePixels() {
        int count = 0;
        for (int y = 0; y < page1.getHeight(); y++) {
            for (int x = 0; x < page1.getWidth(); x++) {
                if ((page1.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Extracted text with line breaks as spaces: wrapped table cells read as one value again. */
    public String flatText() {
        return text.replaceAll("\\s+", " ");
    }
}
