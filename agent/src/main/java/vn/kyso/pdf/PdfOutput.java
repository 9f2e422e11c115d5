package vn.kyso.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import org.apache.pdfbox.pdmodel.PDDocument;

import vn.kyso.token.DigestAlgorithm;

/**
 * The document a signing pipeline writes: held in memory, or a file on disk that is never read whole. The stages
 * only append revisions, fill a signature's gap in place and, when a time-stamp could not be had, drop the revision
 * they appended — so one set of stages serves both, and the input bytes always stay an exact prefix.
 */
interface PdfOutput {

    /** The document in memory; {@link Memory#bytes()} is the result. */
    static Memory memory(byte[] pdf) {
        return new Memory(pdf);
    }

    /** The document in {@code file}, which already holds the input; memory does not grow with its size. */
    static PdfOutput file(Path file) {
        return new File(file);
    }

    /** A scratch file next to {@code output}, so the final move stays on one file system and can be atomic. */
    static Path scratchFor(Path output) throws IOException {
        Path directory = output.toAbsolutePath().getParent();
        return Files.createTempFile(directory, "." + output.getFileName() + ".", ".part");
    }

    /**
     * Replaces {@code output} with {@code scratch} in one step where the file system allows it, so no reader ever sees
     * a half-written output under its name. The finished file is flushed to disk first: the move may replace an
     * existing file (a signed document written again, a second signature into the same name), and after a power cut
     * that name must hold either the old file or the complete new one, never an empty or partial file.
     */
    static void publish(Path scratch, Path output) throws IOException {
        try (FileChannel channel = FileChannel.open(scratch, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(scratch, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(scratch, output, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    long length() throws IOException;

    /** The document as it is now, to read and to change before its next revision is written. */
    PDDocument load(String password) throws IOException;

    /** Appends {@code revision}; the document must still be {@code expectedLength} long (the offsets inside say so). */
    void append(long expectedLength, byte[] revision) throws IOException;

    /** Overwrites {@code bytes.length} bytes at {@code position} (a signature's gap). */
    void writeAt(long position, byte[] bytes) throws IOException;

    /** Drops everything after {@code length}: a revision whose signature could not be had. */
    void truncate(long length) throws IOException;

    /** The digest of the two byte ranges {@code [0, a)} and {@code [b, b + c)}; they must cover the whole document. */
    byte[] digest(long[] byteRange, DigestAlgorithm algorithm) throws IOException;

    /** {@code length} bytes from {@code position} (a signature's gap, as written). */
    byte[] read(long position, int length) throws IOException;

    private static MessageDigest digester(DigestAlgorithm algorithm) {
        try {
            return MessageDigest.getInstance(algorithm.jcaName());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireCovers(long[] byteRange, long length) throws IOException {
        if (byteRange[0] != 0 || byteRange[2] + byteRange[3] != length) {
            throw new IOException("the signature's byte range does not cover the written document");
        }
    }

    /** The digest of everything {@code content} yields. */
    static byte[] digest(DigestAlgorithm algorithm, InputStream content) throws IOException {
        MessageDigest md = digester(algorithm);
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = content.read(buffer)) > 0; ) {
            md.update(buffer, 0, n);
        }
        return md.digest();
    }

    /** A document held in memory. */
    final class Memory implements PdfOutput {
        private byte[] bytes;

        private Memory(byte[] pdf) {
            this.bytes = pdf;
        }

        public byte[] bytes() {
            return bytes;
        }

        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public PDDocument load(String password) throws IOException {
            return PdfDocuments.load(bytes, password);
        }

        @Override
        public void append(long expectedLength, byte[] revision) throws IOException {
            if (bytes.length != expectedLength) {
                throw new IOException("the document changed while its revision was written");
            }
            byte[] grown = Arrays.copyOf(bytes, bytes.length + revision.length);
            System.arraycopy(revision, 0, grown, bytes.length, revision.length);
            bytes = grown;
        }

        @Override
        public void writeAt(long position, byte[] data) {
            // A copy: the array this began with (a prepared signature's document) stays as the caller holds it.
            byte[] written = bytes.clone();
            System.arraycopy(data, 0, written, (int) position, data.length);
            bytes = written;
        }

        @Override
        public byte[] read(long position, int length) {
            return Arrays.copyOfRange(bytes, (int) position, (int) position + length);
        }

        @Override
        public void truncate(long length) {
            bytes = Arrays.copyOf(bytes, (int) length);
        }

        @Override
        public byte[] digest(long[] byteRange, DigestAlgorithm algorithm) throws IOException {
            requireCovers(byteRange, bytes.length);
            MessageDigest md = digester(algorithm);
            md.update(bytes, 0, (int) byteRange[1]);
            md.update(bytes, (int) byteRange[2], (int) byteRange[3]);
            return md.digest();
        }
    }

    /** A document on disk, read lazily by PDFBox and written with positional writes. */
    final class File implements PdfOutput {
        private final Path file;

        private File(Path file) {
            this.file = file;
        }

        @Override
        public long length() throws IOException {
            return Files.size(file);
        }

        @Override
        public PDDocument load(String password) throws IOException {
            return PdfDocuments.load(file, password);
        }

        @Override
        public void append(long expectedLength, byte[] revision) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                if (channel.size() != expectedLength) {
                    throw new IOException("the file changed while its revision was written: " + file);
                }
                write(channel, expectedLength, revision);
            }
        }

        @Override
        public void writeAt(long position, byte[] bytes) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                write(channel, position, bytes);
            }
        }

        private static void write(FileChannel channel, long position, byte[] bytes) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long at = position;
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
        }

        @Override
        public byte[] read(long position, int length) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                 InputStream in = new RangeStream(channel, position, length)) {
                byte[] out = in.readNBytes(length);
                if (out.length != length) {
                    throw new IOException("file shorter than the range read");
                }
                return out;
            }
        }

        @Override
        public void truncate(long length) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(length);
            }
        }

        @Override
        public byte[] digest(long[] byteRange, DigestAlgorithm algorithm) throws IOException {
            requireCovers(byteRange, Files.size(file));
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                 InputStream ranges = new SequenceInputStream(new RangeStream(channel, 0, byteRange[1]),
                         new RangeStream(channel, byteRange[2], byteRange[3]))) {
                return PdfOutput.digest(algorithm, ranges);
            }
        }
    }

    /** {@code length} bytes of a channel from {@code start}, read with positional reads. */
    final class RangeStream extends InputStream {
        private final FileChannel channel;
        private long position;
        private final long end;

        RangeStream(FileChannel channel, long start, long length) {
            this.channel = channel;
            this.position = start;
            this.end = start + length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position >= end) {
                return -1;
            }
            ByteBuffer target = ByteBuffer.wrap(buffer, offset, (int) Math.min(length, end - position));
            int read = channel.read(target, position);
            if (read < 0) {
                throw new IOException("file shorter than its byte range");
            }
            position += read;
            return read;
        }
    }
}
