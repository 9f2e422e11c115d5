package vn.kyso.pdf.appearance;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

import vn.kyso.errors.KysoException;
import vn.kyso.pdf.Pages;

/** The official's handwritten-signature image (approve, initial): no text, just the image where it belongs. */
public final class PersonalSignatureStamp extends Stamp {

    /** Points kept clear between the image and the title and name lines. */
    public static final float CLEARANCE = 2f;
    /** Below this height the image would be unreadable: the signature block has no blank space. */
    static final float MIN_HEIGHT = 12f;
    /** Gap between the text an initial follows and the initial. */
    static final float AFTER_TEXT_GAP = 3f;

    private final StampImage signature;
    private final SignaturePosition position;

    PersonalSignatureStamp(StampImage signature, SignaturePosition position) {
        this.signature = signature;
        this.position = position;
    }

    public StampImage signature() {
        return signature;
    }

    public SignaturePosition position() {
        return position;
    }

    @Override
    protected Placement locate(PDDocument document) throws IOException {
        if (position instanceof SignaturePosition.At at) {
            return fittedInto(document, at);
        }
        if (position instanceof SignaturePosition.InField inField) {
            return intoField(document, inField.fieldName());
        }
        if (position instanceof SignaturePosition.BetweenLines between) {
            return betweenLines(document, between);
        }
        return afterText(document, (SignaturePosition.AfterText) position);
    }

    @Override
    protected void paint(PDDocument document, StampCanvas canvas) throws IOException {
        canvas.imageFitted(signature);
    }

    private Placement fittedInto(PDDocument document, SignaturePosition.At at) {
        AnchorFinder.requirePage(document, at.pageIndex());
        PageFrame frame = PageFrame.of(Pages.get(document, at.pageIndex()));
        PDRectangle box = frame.toVisual(at.rectangle());
        Size size = Size.fit(signature, box.getWidth(), box.getHeight());
        PDRectangle visual = visualRect(box.getLowerLeftX() + (box.getWidth() - size.width()) / 2,
                box.getLowerLeftY() + (box.getHeight() - size.height()) / 2, size);
        return new Placement(at.pageIndex(), frame.toUser(visual), null);
    }

    private static Placement intoField(PDDocument document, String fieldName) {
        SignatureFields.Widget widget = SignatureFields.named(document, fieldName);
        if (widget.signed()) {
            throw new KysoException(AppearanceError.SIGNATURE_FIELD_ALREADY_SIGNED, Map.of("field", fieldName), null,
                    fieldName);
        }
        return new Placement(widget.pageIndex(), widget.rectangle(), widget.fieldName());
    }

    private Placement betweenLines(PDDocument document, SignaturePosition.BetweenLines between) throws IOException {
        TextAnchor titleAnchor = AnchorFinder.last(document, between.titleLine());
        int page = titleAnchor.pageIndex();
        PageFrame frame = PageFrame.of(Pages.get(document, page));
        PDRectangle title = frame.toVisual(titleAnchor.box());
        PDRectangle name = nearestBelow(frame, AnchorFinder.findAll(document, page, between.nameLine()), title)
                .orElseThrow(() -> AnchorFinder.notFound(between.nameLine()));

        float columnLeft = Math.min(title.getLowerLeftX(), name.getLowerLeftX());
        float columnRight = Math.max(title.getUpperRightX(), name.getUpperRightX());
        float ceiling = title.getLowerLeftY();
        for (PDRectangle glyph : AnchorFinder.glyphBoxes(document, page)) {
            PDRectangle g = frame.toVisual(glyph);
            boolean inColumn = g.getUpperRightX() > columnLeft && g.getLowerLeftX() < columnRight;
            boolean betweenTheLines = g.getLowerLeftY() > name.getUpperRightY() && g.getUpperRightY() < title.getUpperRightY();
            if (inColumn && betweenTheLines) {
                ceiling = Math.min(ceiling, g.getLowerLeftY());
            }
        }
        float floor = name.getUpperRightY();
        float room = ceiling - floor - 2 * CLEARANCE;
        if (room < MIN_HEIGHT) {
            throw new KysoException(AppearanceError.NO_SPACE_BETWEEN_LINES,
                    Map.of("title", between.titleLine(), "name", between.nameLine()), null,
                    between.titleLine(), between.nameLine());
        }
        Size size = Size.fit(signature, Units.mm(between.maxWidthMm()), room);
        float centreX = (centreX(title) + centreX(name)) / 2;
        float centreY = (ceiling + floor) / 2;
        PDRectangle visual = visualRect(centreX - size.width() / 2, centreY - size.height() / 2, size);
        return new Placement(page, frame.toUser(visual), null);
    }

    private Placement afterText(PDDocument document, SignaturePosition.AfterText after) throws IOException {
        TextAnchor anchor = AnchorFinder.last(document, after.text());
        PageFrame frame = PageFrame.of(Pages.get(document, anchor.pageIndex()));
        PDRectangle text = frame.toVisual(anchor.box());
        Size size = Size.ofWidth(signature, Units.mm(after.widthMm()));
        PDRectangle visual = visualRect(text.getUpperRightX() + AFTER_TEXT_GAP, text.getLowerLeftY(), size);
        return new Placement(anchor.pageIndex(), frame.toUser(visual), null);
    }

    /** The occurrence of the name closest under the title (the reader's "below"). */
    private static java.util.Optional<PDRectangle> nearestBelow(PageFrame frame, List<TextAnchor> names,
            PDRectangle title) {
        return names.stream()
                .map(anchor -> frame.toVisual(anchor.box()))
                .filter(box -> box.getUpperRightY() <= title.getLowerLeftY())
                .max(java.util.Comparator.comparingDouble(PDRectangle::getUpperRightY));
    }

    private static float centreX(PDRectangle r) {
        return r.getLowerLeftX() + r.getWidth() / 2;
    }
}
