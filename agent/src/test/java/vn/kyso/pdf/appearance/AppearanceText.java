package vn.kyso.pdf.appearance;

import java.io.IOException;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.util.Matrix;

/**
 * The text a reader sees in a page's annotations. PDFTextStripper reads page content only, so the annotations'
 * normal appearances are drawn, as a viewer composes them (BBox at the origin, no /Matrix: a translation to /Rect),
 * onto a scratch page of the same boxes and rotation, and that page is extracted.
 */
final class AppearanceText {

    private AppearanceText() {
    }

    static String of(PDDocument document, int pageIndex) throws IOException {
        PDPage source = document.getPage(pageIndex);
        try (PDDocument scratch = new PDDocument()) {
            PDPage page = new PDPage(source.getMediaBox());
            page.setCropBox(source.getCropBox());
            page.setRotation(source.getRotation());
            scratch.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(scratch, page)) {
                for (PDAnnotation annotation : source.getAnnotations()) {
                    PDAppearanceStream appearance = annotation.getNormalAppearanceStream();
                    if (appearance == null) {
                        continue;
                    }
                    content.saveGraphicsState();
                    content.transform(Matrix.getTranslateInstance(annotation.getRectangle().getLowerLeftX(),
                            annotation.getRectangle().getLowerLeftY()));
                    content.drawForm(new PDFormXObject(appearance.getCOSObject()));
                    content.restoreGraphicsState();
                }
            }
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(scratch);
        }
    }
}
