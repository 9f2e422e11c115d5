package vn.kyso.verify;

import java.nio.charset.StandardCharsets;

/**
 * The byte range covers the whole revision except the /Contents value: two ranges, the first from 0, the gap
 * exactly the {@code <…>} hex string, the second ending at that revision's %%EOF. Anything else leaves bytes that
 * could be changed without breaking the signature.
 */
final class ByteRangeCheck implements SignatureCheck {

    @Override
    public void check(SignatureContext context) {
        long[] range = context.signature.byteRange();
        byte[] file = context.file;
        if (range == null || range.length != 4) {
            throw format("/ByteRange must hold exactly 4 numbers, not " + (range == null ? 0 : range.length));
        }
        long start1 = range[0];
        long length1 = range[1];
        long start2 = range[2];
        long length2 = range[3];
        if (start1 < 0 || length1 < 0 || start2 < 0 || length2 < 0) {
            throw format("negative value in /ByteRange");
        }
        if (start1 != 0) {
            throw format("the first range starts at " + start1 + ", not at 0");
        }
        if (start2 < start1 + length1) {
            throw format("the two ranges overlap");
        }
        long end = start2 + length2;
        if (start1 + length1 > file.length || end > file.length) {
            // The signer hashed bytes that are no longer in the file: signed content was removed.
            throw new VerificationFailure(SubIndication.HASH_FAILURE,
                    "the signed range ends " + (end - file.length) + " bytes past the end of the file");
        }
        int gapStart = (int) length1;
        int gapEnd = (int) start2;
        if (gapEnd - gapStart < 2 || file[gapStart] != '<' || file[gapEnd - 1] != '>') {
            throw format("the unsigned gap is not exactly the /Contents hex string");
        }
        // the parse read exactly these bytes as '<', an even count of hex digits, '>': nothing more to find here
        boolean parsedAsHex = context.ranges != null && context.ranges.hexDigitsOnly(gapStart, gapEnd);
        int hexDigits = 0;
        for (int i = gapStart + 1; i < gapEnd - 1 && !parsedAsHex; i++) {
            int c = file[i];
            if (PdfSignatureReader.hexDigit(c) >= 0) {
                hexDigits++;
            } else if (!isWhitespace(c)) {
                throw format("the unsigned gap holds a non-hex byte at offset " + i);
            }
        }
        if (hexDigits % 2 != 0) {
            throw format("the /Contents hex string has an odd number of digits");
        }
        if (!endsAtEof(file, (int) end)) {
            throw format("the second range does not end at the %%EOF of a revision (ends at " + end + ")");
        }
        byte[] signed = new byte[(int) (length1 + length2)];
        System.arraycopy(file, 0, signed, 0, (int) length1);
        System.arraycopy(file, (int) start2, signed, (int) length1, (int) length2);
        context.signedBytes = signed;
    }

    /** "%%EOF" followed by at most an end-of-line, and the next byte (if any) starts a new line or revision. */
    static boolean endsAtEof(byte[] file, int end) {
        int i = end;
        int eol = 0;
        while (i > 0 && (file[i - 1] == '\n' || file[i - 1] == '\r') && eol < 3) {
            i--;
            eol++;
        }
        return i >= 5 && new String(file, i - 5, 5, StandardCharsets.ISO_8859_1).equals("%%EOF");
    }

    private static boolean isWhitespace(int c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0;
    }

    private static VerificationFailure format(String reason) {
        return new VerificationFailure(SubIndication.FORMAT_FAILURE, reason);
    }
}
