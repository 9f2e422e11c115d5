package vn.kyso.verify;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdfparser.PDFParser;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Opens a PDF held in memory — the whole file or a revision of it (the file cut at a signature's byte range end) —
 * with PDFBox's own parser, except that a hex string made of hex digits only is decoded here with a table instead of
 * character by character through PDFBox's reader and a {@code StringBuilder}. Each signature dictionary's
 * /Contents is such a string of tens of thousands of digits; PDFBox's way of reading it was a fifth of a
 * three-signature verification. The result is the very {@link COSString} PDFBox makes ({@code COSString.parseHex}
 * of an even count of digits is those bytes); any other hex string — white space inside, an odd count, a stray
 * character, no closing '&gt;' before the end — is left to PDFBox unchanged, as is everything else.
 *
 * <p>The decoded strings are kept by the offset of their '&lt;' so that a signature's /Contents, which the verifier
 * reads from the file at its byte-range gap, is not decoded a second time ({@link #hexStringAt}).
 */
final class PdfLoading {

    private PdfLoading() {
    }

    /** The whole file. */
    static Loaded load(byte[] file, String password) throws IOException {
        return load(file, file.length, password);
    }

    /**
     * The file cut at {@code end}: a view of the array, not a copy; the parser sees nothing at or after {@code end}.
     */
    static Loaded load(byte[] file, int end, String password) throws IOException {
        Map<Integer, HexString> strings = new ConcurrentHashMap<>();
        RandomAccessReadBuffer source = new RandomAccessReadBuffer(ByteBuffer.wrap(file, 0, end).slice());
        PDFParser parser = new HexStringParser(source, password == null ? "" : password, file, end, strings);
        try {
            return new Loaded(parser.parse(), strings);
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /**
     * An opened document and the hex strings decoded so far (more are added as PDFBox parses objects on demand:
     * only the thread that reads the document adds to it).
     */
    record Loaded(PDDocument document, Map<Integer, HexString> strings) {

        /** The bytes of the hex string written from {@code from} ('&lt;') to just before {@code to}, if parsed so. */
        byte[] hexStringAt(long from, long to) {
            HexString string = strings.get((int) from);
            return string != null && string.end() == to ? string.bytes() : null;
        }
    }

    /** @param end the offset just after the closing '&gt;' */
    record HexString(int end, byte[] bytes) {
    }

    private static final class HexStringParser extends PDFParser {
        private final byte[] file;
        private final int end;
        private final Map<Integer, HexString> strings;

        HexStringParser(RandomAccessReadBuffer source, String password, byte[] file, int end,
                        Map<Integer, HexString> strings) throws IOException {
            super(source, password, null, null, IOUtils.createMemoryOnlyStreamCache());
            this.file = file;
            this.end = end;
            this.strings = strings;
        }

        @Override
        protected COSString parseCOSString() throws IOException {
            long at = source.getPosition();
            if (at >= 0 && at < end && file[(int) at] == '<') {
                int from = (int) at;
                int close = from + 1;
                byte[] hex = PdfSignatureReader.HEX;
                while (close < end && hex[file[close] & 0xff] >= 0) {
                    close++;
                }
                int digits = close - from - 1;
                if (close < end && file[close] == '>' && digits % 2 == 0) {
                    byte[] bytes = new byte[digits / 2];
                    for (int i = 0, p = from + 1; i < bytes.length; i++, p += 2) {
                        bytes[i] = (byte) (hex[file[p] & 0xff] << 4 | hex[file[p + 1] & 0xff]);
                    }
                    source.seek(close + 1L);
                    strings.put(from, new HexString(close + 1, bytes));
                    return new COSString(bytes);
                }
            }
            return super.parseCOSString();
        }
    }
}
