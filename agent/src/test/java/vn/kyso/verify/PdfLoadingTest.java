package vn.kyso.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

/**
 * {@link PdfLoading}: every string the table decoder reads is the very {@link COSString} PDFBox's own parser makes of
 * the same bytes, whatever is written between the brackets; what it does not take is left to PDFBox; the strings it
 * remembers are only ever given back for exactly the bytes they were decoded from.
 */
class PdfLoadingTest {

    /** Hex strings as files write them, well-formed or not; literal strings and a dictionary for contrast. */
    private static final List<String> WRITTEN = List.of("<48656c6c6F>", "<>", "<DEADbeef00ff>", "<48 65 6c>",
            "<4865\n6c>", "<abc>", "<4G41>", "<a\u0008b>", "(literal)", "<30820122>", "<<>>", "<00>");

    @Test
    void everyStringIsWhatPdfBoxParses() throws Exception {
        byte[] file = pdf(String.join(" ", WRITTEN));
        List<COSBase> ours;
        List<COSBase> theirs;
        try (PDDocument document = PdfLoading.load(file, null).document()) {
            ours = values(document);
        }
        try (PDDocument document = Loader.loadPDF(file)) {
            theirs = values(document);
        }
        assertEquals(WRITTEN.size(), theirs.size());
        for (int i = 0; i < theirs.size(); i++) {
            COSBase expected = theirs.get(i);
            COSBase actual = ours.get(i);
            assertEquals(expected.getClass(), actual.getClass(), WRITTEN.get(i));
            if (expected instanceof COSString string) {
                assertArrayEquals(string.getBytes(), ((COSString) actual).getBytes(), WRITTEN.get(i));
                assertEquals(expected, actual, WRITTEN.get(i));
            }
        }
    }

    @Test
    void aRememberedStringIsGivenOnlyForItsOwnBytes() throws Exception {
        byte[] file = pdf("<0102ff> <48 65>");
        String text = new String(file, StandardCharsets.ISO_8859_1);
        int first = text.indexOf("<0102ff>");
        int second = text.indexOf("<48 65>");
        try (PDDocument document = Loader.loadPDF(file)) {
            assertNotNull(document); // the file itself is well-formed
        }
        PdfLoading.Loaded loaded = PdfLoading.load(file, null);
        try (PDDocument document = loaded.document()) {
            values(document); // parses the array
            assertArrayEquals(new byte[] {1, 2, (byte) 0xff}, loaded.hexStringAt(first, first + 8));
            assertNull(loaded.hexStringAt(first, first + 7), "another extent is other bytes");
            assertNull(loaded.hexStringAt(first + 1, first + 8), "another start is other bytes");
            assertNull(loaded.hexStringAt(second, second + 7), "left to PDFBox: not remembered");
        }
    }

    @Test
    void aChangedDigitIsReadAgainInTheChangedFile() throws Exception {
        byte[] file = pdf("<0102ff>");
        int at = new String(file, StandardCharsets.ISO_8859_1).indexOf("<0102ff>");
        byte[] changed = file.clone();
        changed[at + 2] = '9';
        PdfLoading.Loaded before = PdfLoading.load(file, null);
        PdfLoading.Loaded after = PdfLoading.load(changed, null);
        try (PDDocument one = before.document(); PDDocument other = after.document()) {
            assertArrayEquals(new byte[] {1, 2, (byte) 0xff}, ((COSString) values(one).get(0)).getBytes());
            assertArrayEquals(new byte[] {0x09, 2, (byte) 0xff}, ((COSString) values(other).get(0)).getBytes());
            assertArrayEquals(new byte[] {0x09, 2, (byte) 0xff}, after.hexStringAt(at, at + 8));
        }
    }

    @Test
    void aRevisionCutInsideAStringDoesNotReadPastItsEnd() throws Exception {
        byte[] file = pdf("<0102ff>");
        int at = new String(file, StandardCharsets.ISO_8859_1).indexOf("<0102ff>");
        // the cut leaves "<0102f": no closing bracket before the end, so the string is not decoded here
        PdfLoading.Loaded loaded = PdfLoading.load(file, file.length, null);
        try (PDDocument document = loaded.document()) {
            values(document);
        }
        assertNotNull(loaded.hexStringAt(at, at + 8));
        try {
            PdfLoading.Loaded cut = PdfLoading.load(file, at + 6, null);
            try (PDDocument document = cut.document()) {
                values(document);
            } catch (RuntimeException e) {
                // PDFBox may refuse what is left; either way nothing was decoded across the cut
            }
            assertNull(cut.hexStringAt(at, at + 8));
        } catch (java.io.IOException e) {
            // the cut file does not open: nothing was read past its end
        }
    }

    /** The values of the catalog's /V array. */
    private static List<COSBase> values(PDDocument document) {
        COSArray array = (COSArray) document.getDocumentCatalog().getCOSObject().getDictionaryObject(COSName.V);
        List<COSBase> result = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            result.add(array.getObject(i));
        }
        return result;
    }

    /** A one-object-per-line PDF whose catalog holds {@code array} as /V, with a correct cross-reference table. */
    private static byte[] pdf(String array) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        write(out, "%PDF-1.7\n");
        offsets.add(out.size());
        write(out, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R /V [" + array + "] >>\nendobj\n");
        offsets.add(out.size());
        write(out, "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n");
        int xref = out.size();
        write(out, "xref\n0 3\n0000000000 65535 f \n");
        for (int offset : offsets) {
            write(out, String.format("%010d 00000 n \n", offset));
        }
        write(out, "trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n" + xref + "\n%%EOF\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
