package vn.kyso.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The target of a PDFBox incremental save (encrypted documents): PDFBox first copies the whole source
 * file, then writes the new revision. The copy is dropped (the output already holds those bytes) and only the
 * revision, a few kilobytes, is kept to be appended afterwards — so saving never holds the document in memory.
 */
final class IncrementCapture extends OutputStream {

    private final long prefixLength;
    private long skipped;
    private final ByteArrayOutputStream increment = new ByteArrayOutputStream(64 * 1024);

    /** @param prefixLength size of the source file, which PDFBox writes first */
    IncrementCapture(long prefixLength) {
        this.prefixLength = prefixLength;
    }

    @Override
    public void write(int b) {
        if (skipped < prefixLength) {
            skipped++;
        } else {
            increment.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        int skip = (int) Math.min(len, prefixLength - skipped);
        skipped += skip;
        increment.write(b, off + skip, len - skip);
    }

    /** The revision PDFBox wrote after its copy of the source. */
    byte[] revision() throws IOException {
        if (skipped != prefixLength) {
            throw new IOException("PDFBox wrote " + skipped + " bytes of the original, expected " + prefixLength);
        }
        return increment.toByteArray();
    }
}
