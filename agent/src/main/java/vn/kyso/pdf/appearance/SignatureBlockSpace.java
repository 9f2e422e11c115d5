package vn.kyso.pdf.appearance;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

import vn.kyso.errors.KysoException;
import vn.kyso.pdf.Pages;

/**
 * The blank space of a signer block (Nghị định 30/2020, ô 7c) in the reader's frame: from the top of the name line up
 * to the lowest printed line above it in the signature column — the title itself ("CHỦ TỊCH") or the second title
 * line under an authority prefix ("KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH") — less
 * {@link PersonalSignatureStamp#CLEARANCE} on each side; centred on the middle of the title and name lines.
 */
record SignatureBlockSpace(int pageIndex, PageFrame frame, float centreX, float floor, float ceiling) {

    float height() {
        return ceiling - floor;
    }

    float centreY() {
        return (ceiling + floor) / 2;
    }

    /** A rectangle of {@code size} centred in the space, in user space. */
    PDRectangle centred(Size size) {
        return frame.toUser(Stamp.visualRect(centreX - size.width() / 2, centreY() - size.height() / 2, size));
    }

    static SignatureBlockSpace find(PDDocument document, String titleLine, String nameLine, float minHeight)
            throws IOException {
        TextAnchor titleAnchor = AnchorFinder.last(document, titleLine);
        int page = titleAnchor.pageIndex();
        PageFrame frame = PageFrame.of(Pages.get(document, page));
        PDRectangle title = frame.toVisual(titleAnchor.box());
        PDRectangle name = nearestBelow(frame, AnchorFinder.findAll(document, page, nameLine), title)
                .orElseThrow(() -> AnchorFinder.notFound(nameLine));

        float columnLeft = Math.min(title.getLowerLeftX(), name.getLowerLeftX());
        float columnRight = Math.max(title.getUpperRightX(), name.getUpperRightX());
        float ceiling = title.getLowerLeftY();
        for (PDRectangle glyph : AnchorFinder.glyphBoxes(document, page)) {
            PDRectangle g = frame.toVisual(glyph);
            boolean inColumn = g.getUpperRightX() > columnLeft && g.getLowerLeftX() < columnRight;
            boolean betweenTheLines = g.getLowerLeftY() > name.getUpperRightY()
                    && g.getUpperRightY() < title.getUpperRightY();
            if (inColumn && betweenTheLines) {
                ceiling = Math.min(ceiling, g.getLowerLeftY());
            }
        }
        float floor = name.getUpperRightY() + PersonalSignatureStamp.CLEARANCE;
        ceiling -= PersonalSignatureStamp.CLEARANCE;
        if (ceiling - floor < minHeight) {
            throw new KysoException(AppearanceError.NO_SPACE_BETWEEN_LINES,
                    Map.of("title", titleLine, "name", nameLine), null, titleLine, nameLine);
        }
        return new SignatureBlockSpace(page, frame, (centreX(title) + centreX(name)) / 2, floor, ceiling);
    }

    /** The occurrence of the name closest under the title (the reader's "below"). */
    private static Optional<PDRectangle> nearestBelow(PageFrame frame, List<TextAnchor> names, PDRectangle title) {
        return names.stream()
                .map(anchor -> frame.toVisual(anchor.box()))
                .filter(box -> box.getUpperRightY() <= title.getLowerLeftY())
                .max(Comparator.comparingDouble(PDRectangle::getUpperRightY));
    }

    private static float centreX(PDRectangle r) {
        return r.getLowerLeftX() + r.getWidth() / 2;
    }
}
