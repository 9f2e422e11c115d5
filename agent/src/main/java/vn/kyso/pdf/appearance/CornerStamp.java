package vn.kyso.pdf.appearance;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import vn.kyso.pdf.Pages;

/**
 * A stamp in the top-right corner of page 1 as the reader sees it (inside the CropBox, after /Rotate): text lines
 * (copy, attachment, signer details) with an optional seal image on their left (digitised paper documents).
 */
public final class CornerStamp extends Stamp {

    /** Distance from the visible top edge: inside the 20–25 mm top margin of Nghị định 30/2020, above the header. */
    public static final double TOP_MARGIN_MM = 5;
    /** Distance from the visible right edge: inside the 15–20 mm right margin. */
    public static final double RIGHT_MARGIN_MM = 10;
    /** Long organisation names wrap at this width so the stamp stays in the corner. */
    public static final double MAX_TEXT_WIDTH_MM = 75;
    static final float PADDING = 2f;
    static final float IMAGE_GAP = 4f;

    private final List<String> paragraphs;
    private final Optional<StampImage> seal;
    private final double sealWidthMm;
    private final boolean framed;

    CornerStamp(List<String> paragraphs, Optional<StampImage> seal, double sealWidthMm) {
        this(paragraphs, seal, sealWidthMm, false);
    }

    /** {@code framed}: drawn inside a rectangle, as the incoming stamp ("ĐẾN") is on paper. */
    CornerStamp(List<String> paragraphs, Optional<StampImage> seal, double sealWidthMm, boolean framed) {
        if (paragraphs.isEmpty()) {
            throw new IllegalArgumentException("a corner stamp needs text");
        }
        this.paragraphs = List.copyOf(paragraphs);
        this.seal = seal;
        this.sealWidthMm = sealWidthMm;
        this.framed = framed;
    }

    public List<String> paragraphs() {
        return paragraphs;
    }

    @Override
    protected Placement locate(PDDocument document) throws IOException {
        AnchorFinder.requirePage(document, 0);
        Layout layout = layout(document);
        PageFrame frame = PageFrame.of(Pages.get(document, 0));
        Size size = layout.total();
        float x = frame.visualWidth() - Units.mm(RIGHT_MARGIN_MM) - size.width();
        float y = frame.visualHeight() - Units.mm(TOP_MARGIN_MM) - size.height();
        return new Placement(0, frame.toUser(visualRect(x, y, size)), null);
    }

    @Override
    protected void paint(PDDocument document, StampCanvas canvas) throws IOException {
        Layout layout = layout(document);
        float textLeft = PADDING;
        if (seal.isPresent()) {
            Size image = layout.image();
            canvas.image(seal.get(), PADDING, (canvas.height() - image.height()) / 2, image.width(), image.height());
            textLeft += image.width() + IMAGE_GAP;
        }
        float textTop = (canvas.height() + layout.textHeight()) / 2;
        canvas.text(layout.text(), textLeft, textTop);
        if (framed) {
            canvas.content().setStrokingColor(0f);
            canvas.content().setLineWidth(0.6f);
            canvas.content().addRect(0.3f, 0.3f, canvas.width() - 0.6f, canvas.height() - 0.6f);
            canvas.content().stroke();
        }
    }

    private Layout layout(PDDocument document) throws IOException {
        PDType0Font font = StampFont.of(document);
        TextBlock text = TextBlock.wrapped(font, Units.mm(MAX_TEXT_WIDTH_MM), paragraphs);
        Size image = seal.map(s -> Size.ofWidth(s, Units.mm(sealWidthMm))).orElse(new Size(0, 0));
        return new Layout(text, text.width(font), text.height(font), image);
    }

    private record Layout(TextBlock text, float textWidth, float textHeight, Size image) {

        Size total() {
            float gap = image.width() > 0 ? IMAGE_GAP : 0;
            return new Size(2 * PADDING + image.width() + gap + textWidth,
                    2 * PADDING + Math.max(image.height(), textHeight));
        }
    }
}
