package vn.kyso.pdf;

import java.io.IOException;
import java.security.MessageDigest;

import vn.kyso.errors.KysoException;
import vn.kyso.token.DigestAlgorithm;

/**
 * A signature revision written with its /Contents reserved and still empty: its bytes are final except the gap, so
 * the digest of the byte ranges can be handed to a signer (here or far away) and the signature written into the gap
 * later, without PDFBox state in between.
 *
 * @param byteRange the /ByteRange as written: [0, gapStart, gapEnd, length − gapEnd]; the gap is {@code <…>}
 * @param digest    the digest of the two ranges
 */
record SignatureGap(long[] byteRange, byte[] digest) {

    /** Writes {@code contents} (DER) hex-encoded into the gap; SIGNATURE_TOO_LARGE if it cannot fit. */
    void fill(PdfOutput out, byte[] contents) throws IOException {
        out.writeAt(byteRange[1] + 1, hex(contents));
    }

    /**
     * The gap's bytes as a reader decodes them from {@code out} — the /Contents whose SHA-1 names the signature's VRI
     * entry — read back rather than derived from what was written, since the placeholder around it may not be zeros.
     */
    byte[] contents(PdfOutput out) throws IOException {
        int length = (int) (byteRange[2] - byteRange[1] - 2);
        if (out instanceof PdfOutput.Memory memory) {
            return Hex.decode(memory.bytes(), (int) byteRange[1] + 1, length);
        }
        return Hex.decode(out.read(byteRange[1] + 1, length), 0, length);
    }

    /**
     * {@code contents} as the upper-case hex written after the gap's {@code <}. The rest of the gap keeps its
     * placeholder, which reads as trailing zeros of the DER.
     */
    private byte[] hex(byte[] contents) {
        int capacity = (int) ((byteRange[2] - byteRange[1] - 2) / 2);
        if (contents.length > capacity) {
            throw new KysoException(PdfError.SIGNATURE_TOO_LARGE, contents.length, capacity);
        }
        return Hex.encodeUpper(contents);
    }

    /**
     * Refuses a gap whose byte ranges are not exactly "everything of {@code document} but an empty {@code <…>}" or
     * whose digest is not the digest of those ranges — e.g. a prepared state altered on its way through a web server.
     */
    void requireConsistent(byte[] document, DigestAlgorithm algorithm) {
        long[] r = byteRange;
        boolean shape = r.length == 4 && r[0] == 0 && r[1] > 0 && r[2] > r[1] + 1 && r[3] >= 0
                && r[2] + r[3] == document.length
                && document[(int) r[1]] == '<' && document[(int) r[2] - 1] == '>';
        if (!shape) {
            throw new KysoException(RemoteSigningError.PREPARED_STATE_INVALID, "byte range does not fit the document");
        }
        // The gap is overwritten whole and is outside the digest, so only its form matters. It is zeros, except in an
        // encrypted document, where PDFBox writes the placeholder through the cipher.
        for (int i = (int) r[1] + 1; i < r[2] - 1; i++) {
            if (!Hex.isDigit(document[i])) {
                throw new KysoException(RemoteSigningError.PREPARED_STATE_INVALID, "/Contents is not a hex string");
            }
        }
        byte[] actual;
        try {
            actual = PdfOutput.memory(document).digest(byteRange, algorithm);
        } catch (IOException e) {
            throw new KysoException(RemoteSigningError.PREPARED_STATE_INVALID, "byte range does not fit the document");
        }
        if (!MessageDigest.isEqual(digest, actual)) {
            throw new KysoException(RemoteSigningError.PREPARED_STATE_INVALID,
                    "the digest is not the digest of the byte ranges");
        }
    }
}
