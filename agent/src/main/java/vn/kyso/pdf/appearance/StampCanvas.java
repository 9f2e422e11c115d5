package vn.kyso.pdf.appearance;

import java.io.Closeable;
import java.io.IOException;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.util.Matrix;

/**
 * Drawing inside one appearance stream in the reader's upright frame: (0,0) is the bottom-left corner the reader
 * sees, whatever the page's /Rotate. The BBox stays the widget rectangle's size in user space, as the engine set
 * it; only a {@code cm} at the start of the stream turns the drawing.
 */
final class StampCanvas implements Closeable {

    private final PDDocument document;
    private final PDPageContentStream content;
    private final PageFrame frame;

    StampCanvas(PDDocument document, PDAppearanceStream stream, int pageRotation) throws IOException {
        this.document = document;
        PDRectangle bbox = stream.getBBox();
        this.frame = new PageFrame(new PDRectangle(bbox.getLowerLeftX(), bbox.getLowerLeftY(), bbox.getWidth(),
                bbox.getHeight()), pageRotation);
        if (stream.getResources() == null) {
            stream.setResources(new PDResources());
        }
        this.content = new PDPageContentStream(document, stream);
        if (!frame.visualToUser().isIdentity()) {
            content.transform(new Matrix(frame.visualToUser()));
        }
    }

    float width() {
        return frame.visualWidth();
    }

    float height() {
        return frame.visualHeight();
    }

    PDPageContentStream content() {
        return content;
    }

    void image(StampImage image, float x, float y, float width, float height) throws IOException {
        PDImageXObject xObject = image.toXObject(document);
        content.drawImage(xObject, x, y, width, height);
    }

    /** Draws {@code image} as large as fits, keeping its proportions, centred. */
    void imageFitted(StampImage image) throws IOException {
        Size fitted = Size.fit(image, width(), height());
        image(image, (width() - fitted.width()) / 2, (height() - fitted.height()) / 2, fitted.width(), fitted.height());
    }

    void text(TextBlock block, float left, float top) throws IOException {
        block.draw(content, StampFont.of(document), left, top);
    }

    @Override
    public void close() throws IOException {
        content.close();
    }
}
