package vn.kyso.verify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;

/**
 * A signed revision and a final document for one change rule: a one-page PDF with text, and the same PDF after
 * {@code change}, each loaded as the analyzer loads them. The final document is saved whole, so no object counts as
 * untouched and each rule's own comparison decides.
 */
final class ChangeFixture implements AutoCloseable {

    interface Change {
        void apply(PDDocument document) throws IOException;
    }

    private final PDDocument signed;
    private final PDDocument current;

    private ChangeFixture(PDDocument signed, PDDocument current) {
        this.signed = signed;
        this.current = current;
    }

    static ChangeFixture after(Change change) throws IOException {
        return between(document -> { }, change);
    }

    /** The sample after {@code first} as the signed revision, and after {@code then} as well as the final one. */
    static ChangeFixture between(Change first, Change then) throws IOException {
        byte[] original;
        try (PDDocument document = Loader.loadPDF(samplePdf())) {
            first.apply(document);
            original = save(document);
        }
        byte[] changed;
        try (PDDocument document = Loader.loadPDF(original)) {
            then.apply(document);
            changed = save(document);
        }
        return new ChangeFixture(Loader.loadPDF(original), Loader.loadPDF(changed));
    }

    ChangeRule.Compared compared() {
        return new ChangeRule.Compared(signed, current,
                new SignedObjects(current.getDocument(), signed.getDocument(), 1));
    }

    List<ChangeRule.Finding> page(ChangeRule.PageRule rule) {
        return rule.findings(signed.getPage(0), current.getPage(0), "page 1", compared().unchanged());
    }

    static byte[] samplePdf() throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(60, 760);
                content.showText("Quyet dinh so 12/QD-SKHCN");
                content.endText();
            }
            document.getDocumentCatalog().setAcroForm(new PDAcroForm(document));
            return save(document);
        }
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        signed.close();
        current.close();
    }
}
