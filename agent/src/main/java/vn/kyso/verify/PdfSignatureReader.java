package vn.kyso.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;

/**
 * Finds the signatures of a loaded PDF, in the order their revisions were written. /ByteRange is taken as written
 * (any count, any value) so that checking it stays the byte-range rule's job; /Contents is read from the file at
 * the gap when the gap looks right, which avoids PDFBox decrypting or re-encoding it.
 */
final class PdfSignatureReader {

    private PdfSignatureReader() {
    }

    static List<PdfSignature> read(PdfLoading.Loaded loaded, byte[] file) {
        PDDocument document = loaded.document();
        List<PdfSignature> result = new ArrayList<>();
        int unnamed = 0;
        for (PDSignatureField field : document.getSignatureFields()) {
            PDSignature signature = field.getSignature();
            if (signature == null) {
                continue; // an empty field waiting for a signature
            }
            String name = field.getFullyQualifiedName();
            if (name == null) {
                name = "Signature" + (++unnamed);
            }
            COSDictionary dictionary = signature.getCOSObject();
            long[] byteRange = byteRange(dictionary.getDictionaryObject(COSName.BYTERANGE));
            Instant claimed = signature.getSignDate() == null ? null : signature.getSignDate().toInstant();
            result.add(new PdfSignature(name, signature.getSubFilter(), byteRange,
                    contents(dictionary, byteRange, file, loaded), claimed, docMdpP(dictionary),
                    dictionary.getNameAsString(COSName.TYPE)));
        }
        result.sort(Comparator.comparingLong(PdfSignature::revisionEnd));
        return result;
    }

    private static long[] byteRange(COSBase value) {
        if (!(value instanceof COSArray array)) {
            return new long[0];
        }
        long[] numbers = new long[array.size()];
        for (int i = 0; i < array.size(); i++) {
            COSBase item = array.getObject(i);
            numbers[i] = item instanceof COSNumber number ? number.longValue() : -1;
        }
        return numbers;
    }

    private static byte[] contents(COSDictionary dictionary, long[] byteRange, byte[] file, PdfLoading.Loaded loaded) {
        if (byteRange.length == 4 && byteRange[1] > 0 && byteRange[2] <= file.length && byteRange[2] > byteRange[1]
                && file[(int) byteRange[1]] == '<' && file[(int) byteRange[2] - 1] == '>') {
            // usually the parser decoded exactly this string already, reading the dictionary
            byte[] parsed = loaded.hexStringAt(byteRange[1], byteRange[2]);
            if (parsed != null) {
                return parsed;
            }
            byte[] decoded = decodeHex(file, (int) byteRange[1] + 1, (int) byteRange[2] - 1);
            if (decoded != null) {
                return decoded;
            }
        }
        COSBase contents = dictionary.getDictionaryObject(COSName.CONTENTS);
        return contents instanceof COSString string ? string.getBytes() : new byte[0];
    }

    /**
     * Hex digits between {@code from} and {@code to}, white space skipped (PDF allows it); null when anything else
     * appears or the count is odd. A plain loop: this runs over ~50 KB per signature on every verification.
     */
    static byte[] decodeHex(byte[] file, int from, int to) {
        byte[] out = new byte[(to - from) / 2];
        int n = 0;
        int high = -1;
        for (int i = from; i < to; i++) {
            int b = file[i];
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == 0) {
                continue;
            }
            int digit = hexDigit(b);
            if (digit < 0) {
                return null;
            }
            if (high < 0) {
                high = digit;
            } else {
                out[n++] = (byte) (high << 4 | digit);
                high = -1;
            }
        }
        return high >= 0 ? null : java.util.Arrays.copyOf(out, n);
    }

    /** 0–15 for the ASCII hex digits, -1 for any other byte: a table, as this runs for every digit of /Contents. */
    static int hexDigit(int b) {
        return HEX[b & 0xff];
    }

    /**
     * The table itself, for loops over tens of thousands of digits: they index it directly, so they run at one speed
     * whether or not the JIT has compiled {@link #hexDigit} yet.
     */
    static final byte[] HEX = hexTable();

    private static byte[] hexTable() {
        byte[] table = new byte[256];
        java.util.Arrays.fill(table, (byte) -1);
        for (int c = '0'; c <= '9'; c++) {
            table[c] = (byte) (c - '0');
        }
        for (int c = 'a'; c <= 'f'; c++) {
            table[c] = (byte) (c - 'a' + 10);
            table[Character.toUpperCase(c)] = (byte) (c - 'a' + 10);
        }
        return table;
    }

    /** The DocMDP /P of a certification signature (default 2), null when the signature is not one. */
    private static Integer docMdpP(COSDictionary dictionary) {
        COSBase references = dictionary.getDictionaryObject(COSName.getPDFName("Reference"));
        if (!(references instanceof COSArray array)) {
            return null;
        }
        for (COSBase item : array) {
            COSBase resolved = item instanceof COSObject object ? object.getObject() : item;
            if (resolved instanceof COSDictionary reference
                    && COSName.getPDFName("DocMDP").equals(reference.getCOSName(COSName.getPDFName("TransformMethod")))) {
                COSBase params = reference.getDictionaryObject(COSName.getPDFName("TransformParams"));
                if (params instanceof COSDictionary transform) {
                    return transform.getInt(COSName.P, 2);
                }
                return 2;
            }
        }
        return null;
    }
}
