package vn.kyso.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.junit.jupiter.api.Test;

/** {@link ChangeAnalyzer}: the rules composed, widget findings reconciled with field findings, DocMDP applied. */
class ChangeAnalyzerTest {

    private static final ChangeRule.Finding WIDGET =
            new ChangeRule.Finding(ChangeKind.FORM_FILLED, "page 1 (widget)", true);

    @Test
    void aWidgetIsReportedOnlyWhenNoFieldChangeExplainsIt() {
        ChangeRule.Finding field = new ChangeRule.Finding(ChangeKind.SIGNATURE_ADDED, "ChuKy2");
        ChangeRule.Finding content = new ChangeRule.Finding(ChangeKind.PAGE_CONTENT_CHANGED, "page 1");

        assertEquals(List.of(content, field),
                ChangeAnalyzer.withoutWidgetsOfReportedFields(List.of(content, WIDGET, field)));
        assertEquals(List.of(content, WIDGET),
                ChangeAnalyzer.withoutWidgetsOfReportedFields(List.of(content, WIDGET)));
    }

    @Test
    void aFieldNamedLikeAWidgetIsStillAField() {
        ChangeRule.Finding oddlyNamed = new ChangeRule.Finding(ChangeKind.FORM_FILLED, "ghi chu (widget)");

        assertEquals(List.of(oddlyNamed), ChangeAnalyzer.withoutWidgetsOfReportedFields(List.of(WIDGET, oddlyNamed)));
    }

    @Test
    void anIncrementalUpdateIsJudgedByEveryRuleAndTheSignersPermission() throws Exception {
        byte[] signed = ChangeFixture.samplePdf();
        byte[] file;
        try (PDDocument document = Loader.loadPDF(signed)) {
            document.getDocumentInformation().setTitle("Bản sửa");
            document.getDocumentInformation().getCOSObject().setNeedToBeUpdated(true);
            try (PDPageContentStream content = new PDPageContentStream(document, document.getPage(0),
                    PDPageContentStream.AppendMode.APPEND, false)) {
                content.addRect(50, 50, 100, 20);
                content.fill();
            }
            document.getPage(0).getCOSObject().setNeedToBeUpdated(true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.saveIncremental(out); // PDFBox writes the signed bytes first, then the update
            file = out.toByteArray();
        }
        try (PDDocument finalDocument = Loader.loadPDF(file)) {
            List<Change> changes = ChangeAnalyzer.changesAfter(file, signed.length, finalDocument, 2, null);

            assertEquals(List.of(new Change(ChangeKind.PAGE_CONTENT_CHANGED, "page 1", false),
                    new Change(ChangeKind.METADATA_CHANGED, "/Info", true)), changes);
            assertEquals(List.of(), ChangeAnalyzer.changesAfter(file, file.length, finalDocument, 2, null));
        }
    }
}
