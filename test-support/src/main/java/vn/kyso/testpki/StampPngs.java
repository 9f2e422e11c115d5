package vn.kyso.testpki;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.GeneralPath;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * The demo officials' handwritten signature and the agency's seal, drawn with java.awt (headless) the way a scanned
 * transparent PNG looks. Used by the stamp tests and the demo document system.
 */
public final class StampPngs {

    public static final Color SIGNATURE_BLUE = new Color(20, 40, 200);
    public static final Color SEAL_RED = new Color(220, 20, 20);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private StampPngs() {
    }

    /** A blue handwritten stroke across the whole width, 400 × 160 px, transparent background. */
    public static byte[] signature() {
        BufferedImage image = new BufferedImage(400, 160, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = graphics(image);
        g.setColor(SIGNATURE_BLUE);
        g.setStroke(new BasicStroke(10, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        GeneralPath stroke = new GeneralPath();
        stroke.moveTo(10, 120);
        stroke.curveTo(60, 10, 110, 10, 140, 90);
        stroke.curveTo(170, 150, 220, 150, 250, 60);
        stroke.curveTo(280, 10, 340, 20, 390, 110);
        g.draw(stroke);
        g.drawLine(20, 140, 380, 130);
        g.dispose();
        return png(image);
    }

    /** A red round seal (outer ring, inner ring, star), 300 × 300 px, transparent outside and between the rings. */
    public static byte[] seal() {
        BufferedImage image = new BufferedImage(300, 300, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = graphics(image);
        g.setColor(SEAL_RED);
        g.setStroke(new BasicStroke(14));
        g.drawOval(8, 8, 284, 284);
        g.setStroke(new BasicStroke(5));
        g.drawOval(60, 60, 180, 180);
        GeneralPath star = new GeneralPath();
        for (int i = 0; i < 10; i++) {
            double radius = i % 2 == 0 ? 60 : 24;
            double angle = -Math.PI / 2 + i * Math.PI / 5;
            double x = 150 + radius * Math.cos(angle);
            double y = 150 + radius * Math.sin(angle);
            if (i == 0) {
                star.moveTo(x, y);
            } else {
                star.lineTo(x, y);
            }
        }
        star.closePath();
        g.fill(star);
        g.dispose();
        return png(image);
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
