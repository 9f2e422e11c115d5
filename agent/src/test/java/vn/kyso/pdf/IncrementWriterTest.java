package vn.kyso.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.testpki.TestPki;

/**
 * The incremental update is written from the changed objects alone: untouched objects of the file are referenced by
 * their numbers and never loaded (PDFBox's own writer loads every object first, so its memory follows the file's
 * size), and the update takes the file's cross-reference form.
 */
class IncrementWriterTest {

    private static final int PAGES = 300;

    @Test
    void untouchedObjectsAreNeverLoaded(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("in.pdf");
        Files.write(input, pages(PAGES, CompressParameters.NO_COMPRESSION));
        long length = Files.size(input);

        try (PDDocument document = PdfDocuments.load(input, null)) {
            SignatureFieldPreparer.prepare(document, PrepareStage.signatureDictionary(PadesOptions.defaults()),
                    SignatureAppearance.INVISIBLE, 16 * 1024);
            long loadedBefore = dereferenced(document.getDocument());
            IncrementWriter.Increment increment = IncrementWriter.write(document, length);

            assertEquals(loadedBefore, dereferenced(document.getDocument()), "writing loaded objects of the file");
            assertTrue(loadedBefore < 30, loadedBefore + " of " + document.getDocument().getXrefTable().size()
                    + " objects loaded to sign page 1 of " + PAGES);
            long[] range = increment.byteRange();
            assertEquals(0, range[0]);
            assertEquals(length + increment.bytes().length, range[2] + range[3]);
            String tail = new String(increment.bytes(), StandardCharsets.ISO_8859_1);
            assertTrue(tail.contains("\nxref\n") && tail.contains("/Prev "), "a classic table chained to the file's");
        }
    }

    @Test
    void aFileWithCrossReferenceStreamsGetsOneAndStaysValid(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("in.pdf");
        Path output = dir.resolve("out.pdf");
        byte[] original = pages(3, CompressParameters.DEFAULT_COMPRESSION);
        Files.write(input, original);

        new PadesSigner(PadesFixture.services()).sign(input, output, PadesFixture.signer(TestPki.PERSONAL_AN),
                PadesOptions.defaults().withLevel(PadesLevel.B_LTA).withPolicy(LevelPolicy.STRICT));

        byte[] signed = Files.readAllBytes(output);
        PadesFixture.assertPrefix(original, signed);
        String appended = new String(signed, original.length, signed.length - original.length,
                StandardCharsets.ISO_8859_1);
        assertTrue(appended.contains("/Type /XRef"), "updates of an xref-stream file use xref streams");
        assertFalse(appended.contains("\nxref\n"), "no classic table after cross-reference streams");
        QpdfCheck check = QpdfCheck.of(signed, null);
        assertEquals(0, check.exitCode(), check.output());
        PadesFixture.assertDss(signed, SignatureLevel.PAdES_BASELINE_LTA);
        PadesFixture.assertPdfsigValid(signed, 1, 1);
    }

    private static long dereferenced(COSDocument document) {
        long count = 0;
        for (COSObjectKey key : document.getXrefTable().keySet()) {
            if (document.getObjectFromPool(key).isDereferenced()) {
                count++;
            }
        }
        return count;
    }

    private static byte[] pages(int count, CompressParameters compression) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN);
            for (int i = 0; i < count; i++) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 12);
                    content.newLineAtOffset(72, 700);
                    content.showText("Trang " + (i + 1));
                    content.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out, compression);
            return out.toByteArray();
        }
    }
}
