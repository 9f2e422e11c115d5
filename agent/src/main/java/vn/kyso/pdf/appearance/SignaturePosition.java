package vn.kyso.pdf.appearance;

import org.apache.pdfbox.pdmodel.common.PDRectangle;

/** Where a personal signature image goes (approve, initial). */
public sealed interface SignaturePosition {

    /**
     * Inside a rectangle given in the page's user space; the image is fitted in it, centred, keeping its
     * proportions, and the widget shrinks to the image so the seal's one-third overlap is measured on the image.
     */
    record At(int pageIndex, PDRectangle rectangle) implements SignaturePosition {
    }

    /** Into an empty signature field the document already has (e.g. prepared by the document system). */
    record InField(String fieldName) implements SignaturePosition {
    }

    /**
     * In the blank space of the signature block (Nghị định 30/2020, ô 7c): between the title line (e.g.
     * "KT. CHỦ TỊCH") and the signer's name line (e.g. "Nguyễn Văn An").
     *
     * <p>Offset rule: the title is the last occurrence of {@code titleLine} in the document; the name is the nearest
     * occurrence of {@code nameLine} below it on the same page. The space runs from the top of the name line up to
     * the lowest text line above it in the signature column — which is the title itself or a line under it such as
     * "PHÓ CHỦ TỊCH" — less {@value PersonalSignatureStamp#CLEARANCE} pt on each side. The image is at most
     * {@code maxWidthMm} wide, shrunk to fit that height, centred vertically in the space and horizontally on the
     * middle of the title and name lines.
     */
    record BetweenLines(String titleLine, String nameLine, double maxWidthMm) implements SignaturePosition {
    }

    /**
     * Right after a piece of text on the same line, bottoms aligned (an initial at the end of the text, e.g. after
     * "./."), {@code widthMm} wide. The last occurrence in the document is used.
     */
    record AfterText(String text, double widthMm) implements SignaturePosition {
    }
}
