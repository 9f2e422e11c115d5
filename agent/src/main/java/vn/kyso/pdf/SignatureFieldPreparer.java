package vn.kyso.pdf;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;

import vn.kyso.errors.KysoException;

/**
 * Puts a signature dictionary into the document: into a new field (invisible or with a widget where the appearance
 * says) or into an existing empty signature field, plus the appearance's companion annotations — all in the
 * revision that the signature will cover.
 */
final class SignatureFieldPreparer {

    private SignatureFieldPreparer() {
    }

    /** Adds {@code signature} and reserves {@code reservedBytes} for /Contents; returns nothing, PDFBox tracks it. */
    static void prepare(PDDocument document, PDSignature signature, SignatureAppearance appearance,
                        int reservedBytes) throws IOException {
        Optional<SignatureAppearance.Placement> placement = appearance.place(document);
        String existingName = placement.map(SignatureAppearance.Placement::existingFieldName).orElse(null);
        PdfDocuments.requireSigningPermitted(document, existingName == null);

        // PDDocument.addSignature reuses the field whose /V is our signature dictionary. A new field is made here
        // too: left to PDFBox, it would look up the page through a page tree that loads every page of the file.
        if (existingName != null) {
            existingEmptyField(document, existingName).setValue(signature);
        } else {
            newField(document).setValue(signature);
        }
        SignatureOptions options = new SignatureOptions();
        options.setPreferredSignatureSize(reservedBytes);
        placement.ifPresent(p -> options.setPage(p.pageIndex()));
        document.addSignature(signature, null, options);
        options.close();

        PDSignatureField field = fieldOf(document, signature);
        PDAnnotationWidget widget = field.getWidgets().get(0);
        int pageIndex = placement.map(SignatureAppearance.Placement::pageIndex).orElse(0);
        PDPage page = widget.getPage() != null && existingName != null ? widget.getPage() : Pages.get(document, pageIndex);

        // An existing field keeps its own rectangle; the placement's is used only when the field has none.
        if (placement.isPresent() && placement.get().rectangle() != null
                && (existingName == null || isEmpty(widget.getRectangle()))) {
            widget.setRectangle(placement.get().rectangle());
        }
        if (placement.isPresent() && !isEmpty(widget.getRectangle())) {
            widget.setAppearance(drawnAppearance(document, appearance, widget.getRectangle()));
        }
        widget.setPage(page);
        addToPage(page, widget);
        for (PDAnnotation companion : appearance.companions(document)) {
            PDPage companionPage = companion.getPage() != null ? companion.getPage() : page;
            addToPage(companionPage, companion);
        }
    }

    private static PDSignatureField newField(PDDocument document) throws IOException {
        PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
        if (form == null) {
            form = new PDAcroForm(document);
            document.getDocumentCatalog().setAcroForm(form);
        }
        COSArray fields = form.getCOSObject().getCOSArray(COSName.FIELDS);
        if (fields == null) {
            fields = new COSArray();
            form.getCOSObject().setItem(COSName.FIELDS, fields);
        }
        PDSignatureField field = new PDSignatureField(form);
        fields.add(field.getCOSObject());
        return field;
    }

    private static PDSignatureField existingEmptyField(PDDocument document, String name) {
        PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
        PDField field = form == null ? null : form.getField(name);
        if (!(field instanceof PDSignatureField signatureField)) {
            throw new KysoException(PdfError.SIGNATURE_FIELD_NOT_FOUND, name);
        }
        if (signatureField.getSignature() != null) {
            throw new KysoException(PdfError.SIGNATURE_FIELD_ALREADY_SIGNED, name);
        }
        return signatureField;
    }

    private static PDSignatureField fieldOf(PDDocument document, PDSignature signature) throws IOException {
        for (PDSignatureField field : document.getSignatureFields()) {
            if (field.getSignature() != null
                    && field.getSignature().getCOSObject() == signature.getCOSObject()) {
                return field;
            }
        }
        throw new IllegalStateException("PDFBox did not add the signature field");
    }

    private static PDAppearanceDictionary drawnAppearance(PDDocument document, SignatureAppearance appearance,
                                                          PDRectangle rectangle) throws IOException {
        PDAppearanceStream stream = new PDAppearanceStream(document);
        stream.setBBox(new PDRectangle(rectangle.getWidth(), rectangle.getHeight()));
        stream.setResources(new PDResources());
        appearance.draw(document, stream);
        PDAppearanceDictionary dictionary = new PDAppearanceDictionary();
        dictionary.setNormalAppearance(stream);
        return dictionary;
    }

    /** Adds the annotation to the page once; /Annots becomes direct so the page object carries the change. */
    private static void addToPage(PDPage page, PDAnnotation annotation) throws IOException {
        List<PDAnnotation> annotations = page.getAnnotations();
        boolean present = annotations.stream().anyMatch(a -> a.getCOSObject() == annotation.getCOSObject());
        if (!present) {
            annotations.add(annotation);
        }
        page.setAnnotations(annotations);
        annotation.setPage(page);
        annotation.getCOSObject().setNeedToBeUpdated(true);
        page.getCOSObject().setNeedToBeUpdated(true);
    }

    private static boolean isEmpty(PDRectangle rectangle) {
        return rectangle == null || rectangle.getWidth() <= 0 || rectangle.getHeight() <= 0;
    }
}
