package vn.kyso.pdf.appearance;

import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.Point2D;

import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * A box as the reader sees it: the visible area (CropBox) turned by /Rotate. "Visual" coordinates have their origin
 * at the bottom-left corner the reader sees, x to the reader's right, y up the screen; "user" coordinates are the
 * page's default user space, where annotation rectangles live. "Top right of page 1" and "left of the signature"
 * are visual notions, so every preset computes in visual coordinates and converts the result to user space.
 * The same class, built on a widget's BBox, turns the widget's drawing upright on a rotated page.
 */
public final class PageFrame {

    private final PDRectangle box;
    private final int rotation;
    private final AffineTransform visualToUser;

    public PageFrame(PDRectangle box, int rotation) {
        this.box = box;
        this.rotation = normalise(rotation);
        this.visualToUser = visualToUser(box, this.rotation);
    }

    public static PageFrame of(PDPage page) {
        return new PageFrame(page.getCropBox(), page.getRotation());
    }

    public PDRectangle box() {
        return box;
    }

    public int rotation() {
        return rotation;
    }

    public float visualWidth() {
        return quarterTurned() ? box.getHeight() : box.getWidth();
    }

    public float visualHeight() {
        return quarterTurned() ? box.getWidth() : box.getHeight();
    }

    /** Maps visual coordinates to user space; as a content-stream matrix it makes drawing upright for the reader. */
    public AffineTransform visualToUser() {
        return new AffineTransform(visualToUser);
    }

    public PDRectangle toUser(PDRectangle visual) {
        return transformed(visual, visualToUser);
    }

    public PDRectangle toVisual(PDRectangle user) {
        try {
            return transformed(user, visualToUser.createInverse());
        } catch (NoninvertibleTransformException e) {
            throw new IllegalStateException("a rotation is always invertible", e);
        }
    }

    /** True when {@code user} lies within the visible area, allowing half a point for rounding. */
    public boolean contains(PDRectangle user) {
        float slack = 0.5f;
        return user.getLowerLeftX() >= box.getLowerLeftX() - slack
                && user.getLowerLeftY() >= box.getLowerLeftY() - slack
                && user.getUpperRightX() <= box.getUpperRightX() + slack
                && user.getUpperRightY() <= box.getUpperRightY() + slack;
    }

    private boolean quarterTurned() {
        return rotation == 90 || rotation == 270;
    }

    private static int normalise(int rotation) {
        int r = ((rotation % 360) + 360) % 360;
        // /Rotate must be a multiple of 90; anything else is treated as the nearest lower multiple, as viewers do.
        return r - r % 90;
    }

    /*
     * /Rotate turns the page clockwise for display. With the box's corners (x0,y0)-(x1,y1):
     *   0:   x = x0 + u, y = y0 + v
     *   90:  the reader's "up" is user -x and "right" is user +y:  x = x1 - v, y = y0 + u
     *   180: x = x1 - u, y = y1 - v
     *   270: the reader's "up" is user +x and "right" is user -y:  x = x0 + v, y = y1 - u
     */
    private static AffineTransform visualToUser(PDRectangle b, int rotation) {
        float x0 = b.getLowerLeftX();
        float y0 = b.getLowerLeftY();
        float x1 = b.getUpperRightX();
        float y1 = b.getUpperRightY();
        return switch (rotation) {
            case 90 -> new AffineTransform(0, 1, -1, 0, x1, y0);
            case 180 -> new AffineTransform(-1, 0, 0, -1, x1, y1);
            case 270 -> new AffineTransform(0, -1, 1, 0, x0, y1);
            default -> new AffineTransform(1, 0, 0, 1, x0, y0);
        };
    }

    private static PDRectangle transformed(PDRectangle r, AffineTransform t) {
        Point2D a = t.transform(new Point2D.Float(r.getLowerLeftX(), r.getLowerLeftY()), null);
        Point2D b = t.transform(new Point2D.Float(r.getUpperRightX(), r.getUpperRightY()), null);
        float llx = (float) Math.min(a.getX(), b.getX());
        float lly = (float) Math.min(a.getY(), b.getY());
        return new PDRectangle(llx, lly, (float) Math.abs(a.getX() - b.getX()), (float) Math.abs(a.getY() - b.getY()));
    }
}
