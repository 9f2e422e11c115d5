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
        IncrementCapture capture = new IncrementCapture(Files.size(input));
        long[] byteRange;
        byte[] digest;
        try (PDDocument document = PdfDocuments.load(input, options.password())) {
            PdfDocuments.requireChangesPermitted(document);
            PDSignature signature = PreparedRevision.signatureDictionary(options);
            SignatureFieldPreparer.prepare(document, signature, options.appearance(), reserved);
            ExternalSigningSupport external = document.saveIncrementalForExternalSigning(capture);
            try (InputStream content = external.getContent()) {
                digest = PreparedRevision.digest(algorithm, content);
            }
            // PDFBox writes the revision only when given the signature; an empty one leaves the reserved placeholder.
            external.setSignature(new byte[0]);
            int[] range = signature.getByteRange();
            byteRange = new long[] {range[0], range[1], range[2], range[3]};
        }
        Files.copy(input, work, StandardCopyOption.REPLACE_EXISTING);
        capture.appendTo(work);
        if (byteRange[0] != 0 || byteRange[2] + byteRange[3] != Files.size(work)) {
            throw new IOException("the signature's byte range does not cover the written file");
        }
        return new Prepared(byteRange, digest);
    }

    /** Writes {@code contents} (DER CMS) hex-encoded into the gap of the revision on disk. */
    static void embed(Path work, long[] byteRange, byte[] contents) throws IOException {
        writeAt(work, byteRange[1] + 1, PreparedRevision.gapHex(byteRange, contents));
    }

    /** Appends a /DSS revision with {@code data} unless the /DSS already holds all of it. */
    static void addValidationData(Path work, ValidationData data, String password) throws IOException {
        IncrementCapture capture = new IncrementCapture(Files.size(work));
        try (PDDocument pdf = PdfDocuments.load(work, password)) {
            if (DssWriter.alreadyContains(pdf, data)) {
                return;
            }
            DssWriter.write(pdf, PadesSigner.newestSignatureContents(pdf), data, capture);
        }
        capture.appendTo(work);
    }

    /**
     * Appends a document time-stamp revision (B-LTA); nothing is appended when {@code stamper} returns null.
     *
     * @return the time-stamp written, or null
     */
    static TimeStamp addDocumentTimeStamp(Path work, String password, DocumentStamper stamper) throws IOException {
        IncrementCapture capture = new IncrementCapture(Files.size(work));
        TimeStamp stamp;
        try (PDDocument pdf = PdfDocuments.load(work, password)) {
            PDSignature timeStamp = PadesSigner.documentTimeStampDictionary();
            SignatureFieldPreparer.prepare(pdf, timeStamp, SignatureAppearance.INVISIBLE,
                    PadesSigner.DOCUMENT_TIMESTAMP_SIZE);
            ExternalSigningSupport external = pdf.saveIncrementalForExternalSigning(capture);
            byte[] digest;
            try (InputStream content = external.getContent()) {
                digest = PreparedRevision.digest(DigestAlgorithm.SHA256, content);
            }
            stamp = stamper.stamp(digest);
            if (stamp == null) {
                return null;
            }
            if (stamp.encoded().length > PadesSigner.DOCUMENT_TIMESTAMP_SIZE) {
                throw new KysoException(PdfError.SIGNATURE_TOO_LARGE, stamp.encoded().length,
                        PadesSigner.DOCUMENT_TIMESTAMP_SIZE);
            }
            external.setSignature(stamp.encoded());
        }
        capture.appendTo(work);
        return stamp;
    }

    /** Overwrites {@code bytes.length} bytes of {@code file} at {@code position}. */
    private static void writeAt(Path file, long position, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long at = position;
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
            channel.force(false);
        }
    }

    /** A scratch file next to {@code output}, so the final move stays on one file system and can be atomic. */
    static Path scratchFor(Path output) throws IOException {
        Path directory = output.toAbsolutePath().getParent();
        return Files.createTempFile(directory, "." + output.getFileName() + ".", ".part");
    }

    /** Replaces {@code output} with {@code scratch} in one step where the file system allows it. */
    static void publish(Path scratch, Path output) throws IOException {
        try {
            Files.move(scratch, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(scratch, output, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
