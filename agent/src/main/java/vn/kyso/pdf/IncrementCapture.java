package vn.kyso.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The target of a PDFBox incremental save of a document loaded from a file: PDFBox first copies the whole source
 * file, then writes the new revision. The copy is dropped (the file on disk already holds those bytes) and only the
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

    /**
     * Appends the captured revision to {@code file}, which must still be the source PDFBox copied (same length), so
     * that the byte offsets PDFBox wrote into the revision (xref, /ByteRange, /Prev) stay true.
     */
    void appendTo(Path file) throws IOException {
        if (skipped != prefixLength) {
            throw new IOException("PDFBox wrote " + skipped + " bytes of the original, expected " + prefixLength);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            if (channel.size() != prefixLength) {
                throw new IOException("the file changed while its revision was written: " + file);
            }
            ByteBuffer buffer = ByteBuffer.wrap(increment.toByteArray());
            long position = prefixLength;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
        }
    }
}
