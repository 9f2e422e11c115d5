package vn.kyso.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;

import vn.kyso.errors.KysoException;
import vn.kyso.pki.TimeStamp;
import vn.kyso.token.DigestAlgorithm;
import vn.kyso.pki.ValidationData;

/**
 * The revisions of {@link PadesSigner} written file to file: every document is loaded lazily from disk, PDFBox's
 * copy of the original bytes is dropped ({@link IncrementCapture}) and only the new revision is appended, digests are
 * streamed from the file and the CMS goes into the gap in place. Memory stays at what PDFBox needs to parse, whatever
 * the file's size.
 */
final class FileRevisions {

    private FileRevisions() {
    }

    /** The signature revision written to disk with its gap still empty. */
    record Prepared(long[] byteRange, byte[] digest) {
    }

    /** What the TSA answered for the digest of a document time-stamp's byte ranges; null when it could not. */
    interface DocumentStamper {
        TimeStamp stamp(byte[] sha256) throws IOException;
    }

    /**
     * Writes {@code input} followed by a signature revision (see {@link PreparedRevision#write}) to {@code work};
     * {@code input} is only read.
     */
    static Prepared prepare(Path input, Path work, PadesOptions options, int reserved, DigestAlgorithm algorithm)
            throws IOException {
        long length = Files.size(input);
        try (PDDocument document = PdfDocuments.load(input, options.password())) {
            PdfDocuments.requireChangesPermitted(document);
            PDSignature signature = PreparedRevision.signatureDictionary(options);
            SignatureFieldPreparer.prepare(document, signature, options.appearance(), reserved);
            if (IncrementWriter.supports(document)) {
                IncrementWriter.Increment increment = IncrementWriter.write(document, length);
                Files.copy(input, work, StandardCopyOption.REPLACE_EXISTING);
                append(work, length, increment.bytes());
                return new Prepared(increment.byteRange(), digestOfRanges(work, increment.byteRange(), algorithm));
            }
            return prepareWithPdfBox(document, signature, input, work, length, algorithm);
        }
    }

    /** Encrypted documents: PDFBox writes the revision (it encrypts the new strings and streams). */
    private static Prepared prepareWithPdfBox(PDDocument document, PDSignature signature, Path input, Path work,
                                              long length, DigestAlgorithm algorithm) throws IOException {
        IncrementCapture capture = new IncrementCapture(length);
        ExternalSigningSupport external = document.saveIncrementalForExternalSigning(capture);
        byte[] digest;
        try (InputStream content = external.getContent()) {
            digest = PreparedRevision.digest(algorithm, content);
        }
        // PDFBox writes the revision only when given the signature; an empty one leaves the reserved placeholder.
        external.setSignature(new byte[0]);
        int[] range = signature.getByteRange();
        long[] byteRange = {range[0], range[1], range[2], range[3]};
        Files.copy(input, work, StandardCopyOption.REPLACE_EXISTING);
        capture.appendTo(work);
        if (byteRange[0] != 0 || byteRange[2] + byteRange[3] != Files.size(work)) {
            throw new IOException("the signature's byte range does not cover the written file");
        }
        return new Prepared(byteRange, digest);
    }

    /** The digest of the two byte ranges of {@code file}, read from disk. */
    private static byte[] digestOfRanges(Path file, long[] byteRange, DigestAlgorithm algorithm) throws IOException {
        if (byteRange[0] != 0 || byteRange[2] + byteRange[3] != Files.size(file)) {
            throw new IOException("the signature's byte range does not cover the written file");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             InputStream ranges = new java.io.SequenceInputStream(new RangeStream(channel, 0, byteRange[1]),
                     new RangeStream(channel, byteRange[2], byteRange[3]))) {
            return PreparedRevision.digest(algorithm, ranges);
        }
    }

    /** {@code length} bytes of a channel from {@code start}, read with positional reads. */
    private static final class RangeStream extends InputStream {
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

    private static void truncate(Path file, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(length);
        }
    }

    /** Appends {@code bytes} to {@code file}, which must still have {@code expectedLength} bytes. */
    private static void append(Path file, long expectedLength, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            if (channel.size() != expectedLength) {
                throw new IOException("the file changed while its revision was written: " + file);
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long position = expectedLength;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
        }
    }

    /** Writes {@code contents} (DER CMS) hex-encoded into the gap of the revision on disk. */
    static void embed(Path work, long[] byteRange, byte[] contents) throws IOException {
        writeAt(work, byteRange[1] + 1, PreparedRevision.gapHex(byteRange, contents));
    }

    /** Appends a /DSS revision with {@code data} unless the /DSS already holds all of it. */
    static void addValidationData(Path work, ValidationData data, String password) throws IOException {
        long length = Files.size(work);
        try (PDDocument pdf = PdfDocuments.load(work, password)) {
            if (DssWriter.alreadyContains(pdf, PadesSigner.newestSignatureContents(pdf), data)) {
                return;
            }
            DssWriter.add(pdf, PadesSigner.newestSignatureContents(pdf), data);
            if (IncrementWriter.supports(pdf)) {
                append(work, length, IncrementWriter.write(pdf, length).bytes());
                return;
            }
            IncrementCapture capture = new IncrementCapture(length);
            pdf.saveIncremental(capture);
            capture.appendTo(work);
        }
    }

    /**
     * Appends a document time-stamp revision (B-LTA); nothing is appended when {@code stamper} returns null.
     *
     * @return the time-stamp written, or null
     */
    static TimeStamp addDocumentTimeStamp(Path work, String password, DocumentStamper stamper) throws IOException {
        long length = Files.size(work);
        try (PDDocument pdf = PdfDocuments.load(work, password)) {
            PDSignature timeStamp = PadesSigner.documentTimeStampDictionary();
            SignatureFieldPreparer.prepare(pdf, timeStamp, SignatureAppearance.INVISIBLE,
                    PadesSigner.DOCUMENT_TIMESTAMP_SIZE);
            if (IncrementWriter.supports(pdf)) {
                IncrementWriter.Increment increment = IncrementWriter.write(pdf, length);
                append(work, length, increment.bytes());
                boolean kept = false;
                try {
                    TimeStamp stamp = stamper.stamp(digestOfRanges(work, increment.byteRange(),
                            DigestAlgorithm.SHA256));
                    if (stamp != null) {
                        checkFits(stamp);
                        embed(work, increment.byteRange(), stamp.encoded());
                        kept = true;
                    }
                    return stamp;
                } finally {
                    if (!kept) {
                        truncate(work, length); // no time-stamp: the revision with the empty gap goes
                    }
                }
            }
            return documentTimeStampWithPdfBox(pdf, work, length, stamper);
        }
    }

    private static TimeStamp documentTimeStampWithPdfBox(PDDocument pdf, Path work, long length,
                                                         DocumentStamper stamper) throws IOException {
        IncrementCapture capture = new IncrementCapture(length);
        ExternalSigningSupport external = pdf.saveIncrementalForExternalSigning(capture);
        byte[] digest;
        try (InputStream content = external.getContent()) {
            digest = PreparedRevision.digest(DigestAlgorithm.SHA256, content);
        }
        TimeStamp stamp = stamper.stamp(digest);
        if (stamp == null) {
            return null;
        }
        checkFits(stamp);
        external.setSignature(stamp.encoded());
        capture.appendTo(work);
        return stamp;
    }

    private static void checkFits(TimeStamp stamp) {
        if (stamp.encoded().length > PadesSigner.DOCUMENT_TIMESTAMP_SIZE) {
            throw new KysoException(PdfError.SIGNATURE_TOO_LARGE, stamp.encoded().length,
                    PadesSigner.DOCUMENT_TIMESTAMP_SIZE);
        }
    }

    /** Overwrites {@code bytes.length} bytes of {@code file} at {@code position}. */
    private static void writeAt(Path file, long position, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long at = position;
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
        }
    }

    /** A scratch file next to {@code output}, so the final move stays on one file system and can be atomic. */
    static Path scratchFor(Path output) throws IOException {
        Path directory = output.toAbsolutePath().getParent();
        return Files.createTempFile(directory, "." + output.getFileName() + ".", ".part");
    }

    /** Replaces {@code output} with {@code scratch} in one step where the file system allows it. */
    static void publish(Path scratch, Path output) throws IOException {
        // One flush to disk, of the finished file, before it takes the output's name: after a crash the output is
        // either the old file or the complete new one (the revisions before were written without waiting for it).
        try (FileChannel channel = FileChannel.open(scratch, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(scratch, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(scratch, output, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
