package vn.kyso.pdf.appearance;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Ký phê duyệt for an official who has no scanned signature: a framed stamp of text — "Đã ký", the signer's name,
 * the title and the signing time — in the signer block's blank space, where the handwritten image would go. The
 * regulation asks for the image where there is one (ô 7c); a refusal would leave the official unable to approve.
 * The text keeps to the right two thirds, where the seal does not reach.
 */
public final class ApprovalTextStamp extends Stamp {

    /** Dark blue, the colour of a signature, so the stamp reads as the signer's mark and not as printed text. */
    private static final float[] FRAME_COLOUR = {0.05f, 0.2f, 0.6f};
    static final float PADDING = 3f;

    private final String titleLine;
    private final String nameLine;
    private final List<String> paragraphs;

    ApprovalTextStamp(String titleLine, String nameLine, String signerName, String title, Instant signingTime) {
        this.titleLine = titleLine;
        this.nameLine = nameLine;
        this.paragraphs = List.of("Đã ký: " + signerName.strip(), title.strip(), StampTime.iso(signingTime));
    }

    public List<String> paragraphs() {
        return paragraphs;
    }

    @Override
    protected Placement locate(PDDocument document) throws IOException {
        PDType0Font font = StampFont.of(document);
        TextBlock block = block(font);
        Size size = new Size(indent(font) + block.width(font) + 2 * PADDING, block.height(font) + 2 * PADDING);
        SignatureBlockSpace space = SignatureBlockSpace.find(document, titleLine, nameLine, size.height());
        return new Placement(space.pageIndex(), space.centred(size), null);
    }

    @Override
    protected void paint(PDDocument document, StampCanvas canvas) throws IOException {
        PDPageContentStream content = canvas.content();
        content.setStrokingColor(FRAME_COLOUR[0], FRAME_COLOUR[1], FRAME_COLOUR[2]);
        content.setLineWidth(0.8f);
        content.addRect(0.4f, 0.4f, canvas.width() - 0.8f, canvas.height() - 0.8f);
        content.stroke();
        canvas.text(block(StampFont.of(document)), PADDING + indent(StampFont.of(document)),
                canvas.height() - PADDING);
    }

    /*
     * The seal is pressed over the left third of the signature (ô 8). The text starts after that third, so the seal
     * covers the frame and not the name and time: the left part is half the text's width.
     */
    private float indent(PDType0Font font) {
        return block(font).width(font) / 2;
    }

    private TextBlock block(PDType0Font font) {
        return TextBlock.wrapped(font, Units.mm(Presets.APPROVE_MAX_WIDTH_MM + 15), paragraphs);
    }
}
