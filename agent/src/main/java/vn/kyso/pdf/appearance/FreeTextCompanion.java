package vn.kyso.pdf.appearance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationFreeText;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDBorderStyleDictionary;

import vn.kyso.pdf.Pages;

/**
 * Writes the clerk's text as FreeText annotations with their own appearance streams (Liberation Serif — Times New
 * Roman's metrics — black, upright, in the size of the text it completes, on that text's baseline), flagged to
 * print and locked so that they cannot be edited or moved. The page content is never touched: the annotations join
 * the signature's incremental update and are covered by the seal's signature. A blank drawn as dots or underscores
 * is covered in white under the text, as a clerk's pen replaces the dotted line.
 */
final class FreeTextCompanion {

    /** How far (in font sizes) the white cover reaches past a dot's or underscore's advance box. */
    static final float MASK_BLEED = 0.025f;

    private FreeTextCompanion() {
    }

    static List<PDAnnotation> create(PDDocument document, Companion companion) throws IOException {
        List<Insertion> insertions;
        if (companion instanceof DocumentNumber number) {
            insertions = List.of(TemplateFill.number(document, number.label(), number.number()));
        } else if (companion instanceof IssueDate date) {
            insertions = TemplateFill.date(document, date.date(), date.placeLabel());
        } else {
            insertions = List.of(fromSlot(document, (CompanionText) companion));
        }
        List<PDAnnotation> annotations = new ArrayList<>();
        for (Insertion insertion : insertions) {
            annotations.add(annotation(document, insertion));
        }
        return annotations;
    }

    private static Insertion fromSlot(PDDocument document, CompanionText companion) throws IOException {
        String line = TextBlock.of(companion.text()).lines().get(0);
        if (companion.slot() instanceof TextSlot.At at) {
            AnchorFinder.requirePage(document, at.pageIndex());
            PDRectangle box = PageFrame.of(Pages.get(document, at.pageIndex())).toVisual(at.rectangle());
            PDType0Font font = StampFont.of(document);
            return new Insertion(at.pageIndex(), line, box.getLowerLeftX(),
                    box.getUpperRightY() - StampFont.ascent(font), StampFont.SIZE, FontStyle.REGULAR, List.of());
        }
        return TemplateFill.after(document, ((TextSlot.AfterText) companion.slot()).label(), line);
    }

    private static PDAnnotationFreeText annotation(PDDocument document, Insertion insertion) throws IOException {
        PDType0Font font = StampFont.of(document, insertion.style());
        float size = insertion.size();
        float ascent = StampFont.ascent(font) * size / StampFont.SIZE;
        float descent = StampFont.descent(font) * size / StampFont.SIZE;
        float width = StampFont.width(font, insertion.text(), size);
        PDRectangle visual = new PDRectangle(insertion.x(), insertion.baseline() - descent, width, ascent + descent);
        float bleed = MASK_BLEED * size;
        for (PDRectangle mask : insertion.masks()) {
            visual = union(visual, new PDRectangle(mask.getLowerLeftX() - bleed, mask.getLowerLeftY() - bleed,
                    mask.getWidth() + 2 * bleed, mask.getHeight() + 2 * bleed));
        }
        int pageIndex = insertion.pageIndex();
        PDPage page = Pages.get(document, pageIndex);
        PageFrame frame = PageFrame.of(page);
        PDRectangle rectangle = frame.toUser(visual);
        Stamp.requireOnPage(page, pageIndex, rectangle);

        PDAnnotationFreeText annotation = new PDAnnotationFreeText();
        annotation.setPage(page); // tells the engine which page's /Annots it joins
        annotation.setRectangle(rectangle);
        annotation.setContents(insertion.text());
        annotation.setIntent(PDAnnotationFreeText.IT_FREE_TEXT_TYPE_WRITER);
        // DA is required for FreeText; viewers that regenerate it get the same size and colour.
        annotation.setDefaultAppearance(String.format(Locale.ROOT, "/F1 %.2f Tf 0 g", size));
        PDBorderStyleDictionary noBorder = new PDBorderStyleDictionary();
        noBorder.setWidth(0);
        annotation.setBorderStyle(noBorder);
        annotation.setPrinted(true);
        annotation.setReadOnly(true);
        annotation.setLocked(true);
        annotation.setLockedContents(true);
        annotation.setModifiedDate(Calendar.getInstance(TimeZone.getTimeZone(StampTime.VIETNAM)));

        PDAppearanceStream appearance = new PDAppearanceStream(document);
        appearance.setBBox(new PDRectangle(rectangle.getWidth(), rectangle.getHeight()));
        appearance.setResources(new PDResources());
        try (StampCanvas canvas = new StampCanvas(document, appearance, page.getRotation())) {
            PDPageContentStream content = canvas.content();
            if (!insertion.masks().isEmpty()) {
                content.setNonStrokingColor(1f); // white, over the dots or underscores of the blank
                // Antialiasing and an underscore's overhang reach a hair past the advance box.
                for (PDRectangle mask : insertion.masks()) {
                    content.addRect(mask.getLowerLeftX() - visual.getLowerLeftX() - bleed,
                            mask.getLowerLeftY() - visual.getLowerLeftY() - bleed, mask.getWidth() + 2 * bleed,
                            mask.getHeight() + 2 * bleed);
                }
                content.fill();
            }
            content.beginText();
            content.setFont(font, size);
            content.setNonStrokingColor(0f);
            content.newLineAtOffset(insertion.x() - visual.getLowerLeftX(),
                    insertion.baseline() - visual.getLowerLeftY());
            content.showText(insertion.text());
            content.endText();
        }
        PDAppearanceDictionary appearances = new PDAppearanceDictionary();
        appearances.setNormalAppearance(appearance);
        annotation.setAppearance(appearances);
        return annotation;
    }

    private static PDRectangle union(PDRectangle a, PDRectangle b) {
        float llx = Math.min(a.getLowerLeftX(), b.getLowerLeftX());
        float lly = Math.min(a.getLowerLeftY(), b.getLowerLeftY());
        return new PDRectangle(llx, lly, Math.max(a.getUpperRightX(), b.getUpperRightX()) - llx,
                Math.max(a.getUpperRightY(), b.getUpperRightY()) - lly);
    }
}
