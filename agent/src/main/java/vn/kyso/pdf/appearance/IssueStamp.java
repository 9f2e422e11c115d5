package vn.kyso.pdf.appearance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;

import vn.kyso.errors.KysoException;
import vn.kyso.pdf.Pages;

/**
 * The clerk's issue signature (ký phát hành): the organisation's red seal at its real size, stamped over the left
 * third of the official's signature image, vertically centred on it — as a paper seal is pressed over the left of
 * the signature (Nghị định 30/2020, ô 8). Its companions write số/ký hiệu and ngày ban hành into the template.
 *
 * <p>The overlap is measured on the signature widget's rectangle; presets of this package shrink that widget to the
 * image, so for their signatures it is the image itself.
 */
public final class IssueStamp extends Stamp {

    /** Share of the signature's width that the seal covers. */
    public static final double OVERLAP = 1.0 / 3.0;

    private final StampImage seal;
    private final double sealWidthMm;
    private final SealTarget target;
    private final List<Companion> companions;

    IssueStamp(StampImage seal, double sealWidthMm, SealTarget target, List<? extends Companion> companions) {
        if (sealWidthMm <= 0) {
            throw new IllegalArgumentException("seal width must be positive");
        }
        this.seal = seal;
        this.sealWidthMm = sealWidthMm;
        this.target = target;
        this.companions = List.copyOf(companions);
    }

    @Override
    protected Placement locate(PDDocument document) throws IOException {
        SignatureFields.Widget signature = signature(document);
        PageFrame frame = PageFrame.of(Pages.get(document, signature.pageIndex()));
        PDRectangle image = frame.toVisual(signature.rectangle());
        Size size = Size.ofWidth(seal, Units.mm(sealWidthMm));
        float right = (float) (image.getLowerLeftX() + image.getWidth() * OVERLAP);
        float centreY = image.getLowerLeftY() + image.getHeight() / 2;
        PDRectangle visual = visualRect(right - size.width(), centreY - size.height() / 2, size);
        return new Placement(signature.pageIndex(), frame.toUser(visual), null);
    }

    @Override
    protected void paint(PDDocument document, StampCanvas canvas) throws IOException {
        canvas.imageFitted(seal);
    }

    @Override
    public List<PDAnnotation> companions(PDDocument document) throws IOException {
        List<PDAnnotation> annotations = new ArrayList<>();
        for (Companion companion : companions) {
            annotations.addAll(FreeTextCompanion.create(document, companion));
        }
        return annotations;
    }

    private SignatureFields.Widget signature(PDDocument document) {
        if (target instanceof SealTarget.Field field) {
            return SignatureFields.named(document, field.fieldName());
        }
        if (target instanceof SealTarget.At at) {
            AnchorFinder.requirePage(document, at.pageIndex());
            return new SignatureFields.Widget(null, at.pageIndex(), at.rectangle(), true);
        }
        List<SignatureFields.Widget> signed = SignatureFields.signed(document);
        if (signed.isEmpty()) {
            throw new KysoException(AppearanceError.PERSONAL_SIGNATURE_NOT_FOUND, Map.of(), null);
        }
        return signed.get(signed.size() - 1);
    }
}
