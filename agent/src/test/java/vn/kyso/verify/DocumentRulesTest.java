package vn.kyso.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.junit.jupiter.api.Test;

/** The document-wide rules: {@link DssRule}, {@link DocumentActionsRule}, {@link DocumentInfoRule}. */
class DocumentRulesTest {

    @Test
    void nothingChangedIsNoFinding() throws Exception {
        try (ChangeFixture pdf = ChangeFixture.after(document -> { })) {
            assertTrue(new DssRule().findings(pdf.compared()).isEmpty());
            assertTrue(new DocumentActionsRule().findings(pdf.compared()).isEmpty());
            assertTrue(new DocumentInfoRule().findings(pdf.compared()).isEmpty());
        }
    }

    @Test
    void aDssAddedToTheCatalogIsLongTermData() throws Exception {
        try (ChangeFixture pdf = ChangeFixture.after(document -> document.getDocumentCatalog().getCOSObject()
                .setItem(COSName.getPDFName("DSS"), new COSDictionary()))) {
            assertEquals(List.of(new ChangeRule.Finding(ChangeKind.DSS_ADDED, "/DSS")),
                    new DssRule().findings(pdf.compared()));
        }
    }

    @Test
    void aScriptRunOnOpeningIsADocumentActionChange() throws Exception {
        try (ChangeFixture pdf = ChangeFixture.after(document -> document.getDocumentCatalog()
                .setOpenAction(new PDActionJavaScript("app.alert('x')")))) {
            assertEquals(List.of(new ChangeRule.Finding(ChangeKind.DOCUMENT_ACTIONS_CHANGED, "/OpenAction")),
                    new DocumentActionsRule().findings(pdf.compared()));
        }
    }

    @Test
    void aNewTitleIsADocumentInformationChange() throws Exception {
        try (ChangeFixture pdf = ChangeFixture.after(document -> document.getDocumentInformation()
                .setTitle("Quyết định (bản sửa)"))) {
            assertEquals(List.of(new ChangeRule.Finding(ChangeKind.METADATA_CHANGED, "/Info")),
                    new DocumentInfoRule().findings(pdf.compared()));
        }
    }
}
