package vn.kyso.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;
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

    /**
     * A fingerprint of the signed revision reads an untouched indirect object from the final document's copy: a
     * note rewritten with the same meaning is no change, and one whose referenced object a later revision replaced
     * is one — the shared copy must never stand in for an object the signed revision reads differently.
     */
    @Test
    void anIndirectObjectSharedWithTheFinalDocumentIsUsedOnlyWhenUntouched() throws Exception {
        byte[] signed;
        try (PDDocument document = Loader.loadPDF(ChangeFixture.samplePdf())) {
            PDAnnotationText note = new PDAnnotationText();
            note.setRectangle(new PDRectangle(50, 50, 20, 20));
            COSDictionary detail = new COSDictionary();
            detail.setDirect(false);
            detail.setString(COSName.CONTENTS, "đã ký");
            note.getCOSObject().setItem(COSName.getPDFName("KysoDetail"), detail);
            document.getPage(0).getAnnotations().add(note);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out, CompressParameters.NO_COMPRESSION); // no object streams: objects keep their offsets
            signed = out.toByteArray();
        }
        byte[] rewritten = laterRevision(signed, (note, detail) -> note.getCOSObject().setNeedToBeUpdated(true));
        byte[] replaced = laterRevision(signed, (note, detail) -> {
            detail.setString(COSName.CONTENTS, "đã sửa");
            detail.setNeedToBeUpdated(true);
        });

        assertEquals(List.of(), changes(rewritten, signed.length));
        assertEquals(List.of(new Change(ChangeKind.ANNOTATION_CHANGED, "page 1", true)), changes(replaced, signed.length));
    }

    private interface NoteEdit {
        void apply(PDAnnotation note, COSDictionary detail);
    }

    private static byte[] laterRevision(byte[] signed, NoteEdit edit) throws Exception {
        try (PDDocument document = Loader.loadPDF(signed)) {
            PDAnnotation note = document.getPage(0).getAnnotations().get(0);
            edit.apply(note, note.getCOSObject().getCOSDictionary(COSName.getPDFName("KysoDetail")));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.saveIncremental(out);
            return out.toByteArray();
        }
    }

    private static List<Change> changes(byte[] file, int signedLength) throws Exception {
        try (PDDocument finalDocument = Loader.loadPDF(file)) {
            return ChangeAnalyzer.changesAfter(file, signedLength, finalDocument, null, null);
        }
    }
}
