package vn.kyso.pdf.appearance;

import java.io.IOException;
import java.util.Calendar;
import java.util.TimeZone;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationFreeText;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDBorderStyleDictionary;

import vn.kyso.pdf.Pages;

/**
 * Writes a companion line as a FreeText annotation with its own appearance stream (Liberation Serif 10 pt, black,
 * upright), flagged to print and locked so that it cannot be edited or moved. The page content is never touched:
 * the annotation joins the signature's incremental update and is covered by the seal's signature.
 */
final class FreeTextCompanion {

    /** Distance between a label and the text that continues it: about one space of the stamp font. */
    static final float LABEL_GAP = 2.5f;
    /** Times-like fonts put the baseline at about this share of the line box from its bottom (descent / (ascent + descent)). */
    private static final float BASELINE_SHARE = 0.216f / (0.891f + 0.216f);

    private FreeTextCompanion() {
    }

    static PDAnnotationFreeText create(PDDocument document, CompanionText companion) throws IOException {
        PDType0Font font = StampFont.of(document);
        TextBlock block = TextBlock.of(companion.text());
        Size size = new Size(block.width(font), block.height(font));
        int pageIndex;
        PDRectangle rectangle;
        if (companion.slot() instanceof TextSlot.At at) {
            pageIndex = at.pageIndex();
            AnchorFinder.requirePage(document, pageIndex);
            rectangle = at.rectangle();
        } else {
            TextAnchor label = AnchorFinder.firstInDocument(document, ((TextSlot.AfterText) companion.slot()).label());
            pageIndex = label.pageIndex();
            PageFrame frame = PageFrame.of(Pages.get(document, pageIndex));
            PDRectangle box = frame.toVisual(label.box());
            float baseline = box.getLowerLeftY() + box.getHeight() * BASELINE_SHARE;
            rectangle = frame.toUser(Stamp.visualRect(box.getUpperRightX() + LABEL_GAP,
                    baseline - StampFont.descent(font), size));
        }
        PDPage page = Pages.get(document, pageIndex);
        Stamp.requireOnPage(page, pageIndex, rectangle);

        PDAnnotationFreeText annotation = new PDAnnotationFreeText();
        annotation.setPage(page); // tells the engine which page's /Annots it joins
        annotation.setRectangle(rectangle);
        annotation.setContents(block.lines().get(0));
        annotation.setIntent(PDAnnotationFreeText.IT_FREE_TEXT_TYPE_WRITER);
        // DA is required for FreeText; viewers that regenerate it get the same size and colour.
        annotation.setDefaultAppearance("/F1 10 Tf 0 g");
        PDBorderStyleDictionary noBorder = new PDBorderStyleDictionary();
        noBorder.setWidth(0);
        annotation.setBorderStyle(noBorder);
        annotation.setPrinted(true);
        annotation.setReadOnly(true);
        annotation.setLocked(true);
        annotation.setLockedContents(true);
        annotation.setModifiedDate(Calendar.getInstance(TimeZone.getTimeZone(SigningTime.VIETNAM)));

        PDAppearanceStream appearance = new PDAppearanceStream(document);
        appearance.setBBox(new PDRectangle(rectangle.getWidth(), rectangle.getHeight()));
        appearance.setResources(new PDResources());
        try (StampCanvas canvas = new StampCanvas(document, appearance, page.getRotation())) {
            canvas.text(block, 0, canvas.height());
        }
        PDAppearanceDictionary appearances = new PDAppearanceDictionary();
        appearances.setNormalAppearance(appearance);
        annotation.setAppearance(appearances);
        return annotation;
    }
}
