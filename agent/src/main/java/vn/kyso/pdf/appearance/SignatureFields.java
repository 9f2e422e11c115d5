package vn.kyso.pdf.appearance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;

import vn.kyso.errors.KysoException;
import vn.kyso.pdf.Pages;

/** Looks up signature fields and where their widgets are. */
final class SignatureFields {

    /** A visible signature widget: its field, page and rectangle in user space. */
    record Widget(String fieldName, int pageIndex, PDRectangle rectangle, boolean signed) {
    }

    private SignatureFields() {
    }

    static Widget named(PDDocument document, String fieldName) {
        PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
        PDField field = form == null ? null : form.getField(fieldName);
        if (!(field instanceof PDSignatureField signatureField)) {
            throw new KysoException(AppearanceError.SIGNATURE_FIELD_NOT_FOUND, Map.of("field", fieldName), null,
                    fieldName);
        }
        return visibleWidget(document, signatureField)
                .orElseThrow(() -> new KysoException(AppearanceError.SIGNATURE_FIELD_NOT_FOUND,
                        Map.of("field", fieldName), null, fieldName));
    }

    /** Signed, visible signature widgets in field order (the engine appends, so the last is the newest). */
    static List<Widget> signed(PDDocument document) {
        List<Widget> widgets = new ArrayList<>();
        PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
        if (form == null) {
            return widgets;
        }
        for (PDField field : form.getFieldTree()) {
            if (field instanceof PDSignatureField signatureField && signatureField.getValue() != null) {
                visibleWidget(document, signatureField).ifPresent(widgets::add);
            }
        }
        return widgets;
    }

    private static Optional<Widget> visibleWidget(PDDocument document, PDSignatureField field) {
        for (PDAnnotationWidget widget : field.getWidgets()) {
            PDRectangle rectangle = widget.getRectangle();
            if (rectangle == null || rectangle.getWidth() <= 0 || rectangle.getHeight() <= 0) {
                continue;
            }
            int pageIndex = pageOf(document, widget);
            if (pageIndex >= 0) {
                return Optional.of(new Widget(field.getFullyQualifiedName(), pageIndex, rectangle,
                        field.getValue() != null));
            }
        }
        return Optional.empty();
    }

    /** The widget's /P is optional, so a missing one is found by looking through the pages' annotations. */
    private static int pageOf(PDDocument document, PDAnnotationWidget widget) {
        PDPage page = widget.getPage();
        if (page != null) {
            int index = document.getPages().indexOf(page);
            if (index >= 0) {
                return index;
            }
        }
        for (int i = 0; i < document.getNumberOfPages(); i++) {
            try {
                for (var annotation : Pages.get(document, i).getAnnotations()) {
                    if (annotation.getCOSObject() == widget.getCOSObject()) {
                        return i;
                    }
                }
            } catch (java.io.IOException e) {
                // an unreadable annotation array on one page does not stop the search on the others
            }
        }
        return -1;
    }
}
