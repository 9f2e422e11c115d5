package vn.kyso.pdf.appearance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

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
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;

import vn.kyso.pdf.SignatureAppearance;

/**
 * Applies an appearance the way the PAdES engine does (place, widget with a BBox of the rectangle's size, draw,
 * companions), and marks the field signed with a placeholder /V so a later seal can find it. No cryptography.
 */
final class EngineSimulation {

    private EngineSimulation() {
    }

    static Optional<SignatureAppearance.Placement> apply(PDDocument document, SignatureAppearance appearance,
            String newFieldName) throws IOException {
        Optional<SignatureAppearance.Placement> placed = appearance.place(document);
        if (placed.isEmpty()) {
            return placed;
        }
        SignatureAppearance.Placement placement = placed.get();
        PDPage page = document.getPage(placement.pageIndex());
        PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
        if (form == null) {
            form = new PDAcroForm(document);
            document.getDocumentCatalog().setAcroForm(form);
        }
        PDSignatureField field;
        PDAnnotationWidget widget;
        if (placement.existingFieldName() != null) {
            field = (PDSignatureField) form.getField(placement.existingFieldName());
            widget = field.getWidgets().get(0);
        } else {
            field = new PDSignatureField(form);
            field.setPartialName(newFieldName);
            widget = field.getWidgets().get(0);
            widget.setRectangle(placement.rectangle());
            widget.setPage(page);
            widget.setPrinted(true);
            page.getAnnotations().add(widget);
            form.getFields().add(field);
        }
        PDRectangle rectangle = widget.getRectangle();
        PDAppearanceStream stream = new PDAppearanceStream(document);
        stream.setBBox(new PDRectangle(rectangle.getWidth(), rectangle.getHeight()));
        stream.setResources(new PDResources());
        appearance.draw(document, stream);
        PDAppearanceDictionary appearances = new PDAppearanceDictionary();
        appearances.setNormalAppearance(stream);
        widget.setAppearance(appearances);
        PDSignature signature = new PDSignature();
        signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
        signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
        field.setValue(signature);

        List<PDAnnotation> companions = appearance.companions(document);
        for (PDAnnotation companion : companions) {
            companion.getPage().getAnnotations().add(companion);
        }
        form.setSignaturesExist(true);
        return placed;
    }

    /** An empty signature field, as a document system prepares one for the approver. */
    static void addEmptyField(PDDocument document, String name, int pageIndex, PDRectangle rectangle)
            throws IOException {
        PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
        if (form == null) {
            form = new PDAcroForm(document);
            document.getDocumentCatalog().setAcroForm(form);
        }
        PDSignatureField field = new PDSignatureField(form);
        field.setPartialName(name);
        PDAnnotationWidget widget = field.getWidgets().get(0);
        widget.setRectangle(rectangle);
        widget.setPage(document.getPage(pageIndex));
        document.getPage(pageIndex).getAnnotations().add(widget);
        form.getFields().add(field);
    }

    static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    /** The page's content stream exactly as stored (still encoded), to prove a stamp never touches it. */
    static byte[] rawContent(PDDocument document, int pageIndex) throws IOException {
        try (InputStream in = document.getPage(pageIndex).getCOSObject().getCOSStream(COSName.CONTENTS)
                .createRawInputStream()) {
            return in.readAllBytes();
        }
    }
}
