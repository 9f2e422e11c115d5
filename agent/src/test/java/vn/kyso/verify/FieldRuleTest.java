package vn.kyso.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;
import org.junit.jupiter.api.Test;

/** {@link FieldRule}: which kind of field changed, by the field's type and its signature's /SubFilter. */
class FieldRuleTest {

    @Test
    void aTextFieldFilledInIsFormFilling() throws Exception {
        ChangeFixture.Change addField = document -> {
            PDAcroForm form = document.getDocumentCatalog().getAcroForm();
            PDTextField field = new PDTextField(form);
            field.setPartialName("SoVanBan");
            form.getFields().add(field);
        };
        try (ChangeFixture pdf = ChangeFixture.between(addField, document -> ((PDTextField) document
                .getDocumentCatalog().getAcroForm().getField("SoVanBan")).setValue("12/QĐ-SKHCN"))) {
            assertEquals(List.of(new ChangeRule.Finding(ChangeKind.FORM_FILLED, "SoVanBan")),
                    new FieldRule().findings(pdf.compared()));
        }
    }

    @Test
    void aNewSignatureOrDocumentTimeStampIsToldApartByItsSubFilter() throws Exception {
        try (ChangeFixture signature = ChangeFixture.after(document -> addSignature(document, "ChuKy2", false));
             ChangeFixture timeStamp = ChangeFixture.after(document -> addSignature(document, "DauThoiGian", true))) {
            assertEquals(List.of(new ChangeRule.Finding(ChangeKind.SIGNATURE_ADDED, "ChuKy2")),
                    new FieldRule().findings(signature.compared()));
            assertEquals(List.of(new ChangeRule.Finding(ChangeKind.DOCUMENT_TIMESTAMP_ADDED, "DauThoiGian")),
                    new FieldRule().findings(timeStamp.compared()));
        }
    }

    @Test
    void unchangedFieldsAreNoFinding() throws Exception {
        try (ChangeFixture pdf = ChangeFixture.between(document -> addSignature(document, "ChuKy1", false),
                document -> { })) {
            assertTrue(new FieldRule().findings(pdf.compared()).isEmpty());
        }
    }

    private static void addSignature(PDDocument document, String name, boolean documentTimeStamp)
            throws IOException {
        PDAcroForm form = document.getDocumentCatalog().getAcroForm();
        PDSignatureField field = new PDSignatureField(form);
        field.setPartialName(name);
        PDSignature value = new PDSignature();
        value.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
        if (documentTimeStamp) {
            value.setType(COSName.DOC_TIME_STAMP);
            value.setSubFilter(COSName.getPDFName("ETSI.RFC3161"));
        } else {
            value.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
        }
        field.setValue(value);
        form.getFields().add(field);
    }
}
