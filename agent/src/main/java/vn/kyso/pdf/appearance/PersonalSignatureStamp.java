package vn.kyso.pdf.appearance;

import java.io.IOException;
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
        SignatureBlockSpace space = SignatureBlockSpace.find(document, between.titleLine(), between.nameLine(),
                MIN_HEIGHT);
        Size size = Size.fit(signature, Units.mm(between.maxWidthMm()), space.height());
        return new Placement(space.pageIndex(), space.centred(size), null);
    }

    private Placement afterText(PDDocument document, SignaturePosition.AfterText after) throws IOException {
        TextAnchor anchor = AnchorFinder.last(document, after.text());
        PageFrame frame = PageFrame.of(Pages.get(document, anchor.pageIndex()));
        PDRectangle text = frame.toVisual(anchor.box());
        Size size = Size.ofWidth(signature, Units.mm(after.widthMm()));
        PDRectangle visual = visualRect(text.getUpperRightX() + AFTER_TEXT_GAP, text.getLowerLeftY(), size);
        return new Placement(anchor.pageIndex(), frame.toUser(visual), null);
    }
}
