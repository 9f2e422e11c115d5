package vn.kyso.pdf.appearance;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntPredicate;
import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * A page rendered by poppler's pdftoppm at 72 dpi — an independent renderer, so one point is one pixel — and
 * cut to the CropBox (pdftoppm's default is the MediaBox) as the reader sees it, rotation applied. Visual PDF coordinates map to pixels by
 * flipping y.
 */
record Rendering(BufferedImage image) {

    static Rendering page(byte[] pdf, int pageIndex, Path workDir) throws IOException, InterruptedException {
        Path input = workDir.resolve("page.pdf");
        Files.write(input, pdf);
        Path prefix = workDir.resolve("page-" + (pageIndex + 1));
        Process process = new ProcessBuilder("pdftoppm", "-r", "72", "-png", "-singlefile", "-cropbox",
                "-f", Integer.toString(pageIndex + 1), "-l", Integer.toString(pageIndex + 1),
                input.toString(), prefix.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("pdftoppm failed: " + output);
        }
        Path png = Path.of(prefix + ".png");
        // Keep a copy for a human to look at (target/rendered/...).
        Path keep = Path.of("target", "rendered");
        Files.createDirectories(keep);
        Files.copy(png, keep.resolve(workDir.getFileName() + "-" + png.getFileName()),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return new Rendering(ImageIO.read(png.toFile()));
    }

    static boolean isRed(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return r > 120 && r > g + 60 && r > b + 60;
    }

    static boolean isBlue(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return b > 120 && b > r + 60 && b > g + 60;
    }

    static boolean isDark(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return r < 110 && g < 110 && b < 110;
    }

    /** Pixels matching {@code colour} inside a rectangle given in visual PDF coordinates. */
    int countInside(PDRectangle visual, IntPredicate colour) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (inside(visual, x, y, 0) && colour.test(image.getRGB(x, y))) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Pixels matching {@code colour} outside the rectangle grown by {@code margin} (antialiasing bleed). */
    int countOutside(PDRectangle visual, int margin, IntPredicate colour) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (!inside(visual, x, y, margin) && colour.test(image.getRGB(x, y))) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Bounding box, in visual PDF coordinates, of the matching pixels inside a rectangle. */
    PDRectangle boundsInside(PDRectangle visual, IntPredicate colour) {
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (inside(visual, x, y, 0) && colour.test(image.getRGB(x, y))) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        if (maxX < 0) {
            return new PDRectangle(0, 0, 0, 0);
        }
        return new PDRectangle(minX, image.getHeight() - maxY - 1, maxX - minX + 1, maxY - minY + 1);
    }

    private boolean inside(PDRectangle visual, int x, int y, int margin) {
        float px = x + 0.5f;
        float py = image.getHeight() - (y + 0.5f);
        return px >= visual.getLowerLeftX() - margin && px <= visual.getUpperRightX() + margin
                && py >= visual.getLowerLeftY() - margin && py <= visual.getUpperRightY() + margin;
    }
}
