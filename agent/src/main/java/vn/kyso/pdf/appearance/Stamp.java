package vn.kyso.pdf.appearance;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;

import vn.kyso.errors.KysoException;
import vn.kyso.pdf.Pages;
import vn.kyso.pdf.SignatureAppearance;

/**
 * A visible signature: finds its place once per document, checks it lies on the page, and draws upright for the
 * reader whatever the page's /Rotate. Not thread-safe: one instance serves one signing at a time (the engine calls
 * {@code place} then {@code draw} on the same document).
 */
abstract class Stamp implements SignatureAppearance {

    private PDDocument placedIn;
    private Placement placement;

    /** The widget's place in user space; {@link PageFrame} helps to compute it in the reader's frame. */
    protected abstract Placement locate(PDDocument document) throws IOException;

    /** Draws in the widget's upright frame ({@code canvas.width() × canvas.height()}). */
    protected abstract void paint(PDDocument document, StampCanvas canvas) throws IOException;

    @Override
    public final Optional<Placement> place(PDDocument document) throws IOException {
        Placement located = locate(document);
        AnchorFinder.requirePage(document, located.pageIndex());
        requireOnPage(Pages.get(document, located.pageIndex()), located.pageIndex(), located.rectangle());
        placedIn = document;
        placement = located;
        return Optional.of(located);
    }

    @Override
    public final void draw(PDDocument document, PDAppearanceStream stream) throws IOException {
        if (placedIn != document) {
            place(document);
        }
        int rotation = Pages.get(document, placement.pageIndex()).getRotation();
        try (StampCanvas canvas = new StampCanvas(document, stream, rotation)) {
            paint(document, canvas);
        }
    }

    static void requireOnPage(PDPage page, int pageIndex, PDRectangle rectangle) {
        PageFrame frame = PageFrame.of(page);
        if (!frame.contains(rectangle)) {
            throw new KysoException(AppearanceError.PLACEMENT_OUT_OF_PAGE,
                    Map.of("page", pageIndex + 1, "rectangle", describe(rectangle)), null,
                    describe(rectangle), pageIndex + 1, describe(frame.box()));
        }
    }

    static String describe(PDRectangle r) {
        return String.format(java.util.Locale.ROOT, "[%.1f %.1f %.1f %.1f]",
                r.getLowerLeftX(), r.getLowerLeftY(), r.getUpperRightX(), r.getUpperRightY());
    }

    /** A rectangle of {@code size} in the reader's frame with its lower-left corner at (x, y). */
    static PDRectangle visualRect(float x, float y, Size size) {
        return new PDRectangle(x, y, size.width(), size.height());
    }
}
