package vn.kyso.pdf.appearance;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

import vn.kyso.testpki.StampPngs;

/** Signature and seal images drawn with java.awt (headless), the way a scanned transparent PNG looks. */
final class TestImages {

    static final Color SIGNATURE_BLUE = StampPngs.SIGNATURE_BLUE;
    static final Color SEAL_RED = StampPngs.SEAL_RED;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private TestImages() {
    }

    /** The demo signer's blue handwritten stroke, 400 × 160 px, transparent background. */
    static byte[] signaturePng() {
        return StampPngs.signature();
    }

    /** The agency's red round seal, 300 × 300 px, transparent outside and between the rings. */
    static byte[] sealPng() {
        return StampPngs.seal();
    }

    /** A PNG without an alpha channel (white background). */
    static byte[] opaquePng() {
        BufferedImage image = new BufferedImage(100, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 100, 40);
        g.dispose();
        return png(image);
    }

    static byte[] jpeg() {
        BufferedImage image = new BufferedImage(100, 40, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] transparentPng(int width, int height) {
        return png(new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB));
    }

    private static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        return g;
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
