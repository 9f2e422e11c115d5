package vn.kyso.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.GregorianCalendar;
import java.util.Arrays;
import java.util.HexFormat;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;

import vn.kyso.errors.KysoException;
import vn.kyso.token.DigestAlgorithm;

/**
 * The signature revision with its /Contents reserved and still empty (zeros): what both one-step and two-step
 * signing produce before the key is involved. Its bytes are final except the gap, so the digest of the byte ranges
 * can be handed to a signer far away and the CMS written into the gap later, without PDFBox state in between.
 *
 * @param document  the whole file: input bytes, then the incremental update with the zero-filled /Contents
 * @param byteRange the /ByteRange as written: [0, gapStart, gapEnd, length − gapEnd]; the gap is {@code <…>}
 * @param digest    digest of the two ranges with the signature algorithm's hash
 */
record PreparedRevision(byte[] document, long[] byteRange, byte[] digest) {

    /** Adds the signature dictionary (/SubFilter ETSI.CAdES.detached, /M) and its field; reserves {@code reserved}. */
    static PreparedRevision write(byte[] pdf, PadesOptions options, int reserved, DigestAlgorithm digestAlgorithm)
            throws IOException {
        try (PDDocument document = PdfDocuments.load(pdf, options.password())) {
            PdfDocuments.requireChangesPermitted(document);
            PDSignature signature = signatureDictionary(options);
            SignatureFieldPreparer.prepare(document, signature, options.appearance(), reserved);
            if (IncrementWriter.supports(document)) {
                return appended(pdf, IncrementWriter.write(document, pdf.length), digestAlgorithm);
            }

            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 2 * reserved + 64 * 1024);
            ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
            byte[] digest = digest(digestAlgorithm, external.getContent());
            // PDFBox writes the file only when given the signature; an empty one leaves the reserved zeros.
            external.setSignature(new byte[0]);
            int[] range = signature.getByteRange();
            PreparedRevision revision = new PreparedRevision(out.toByteArray(),
                    new long[] {range[0], range[1], range[2], range[3]}, digest);
            revision.requireConsistent(digestAlgorithm);
            return revision;
        }
    }

    /** {@code pdf} followed by {@code increment}, which holds a signature placeholder; its digest computed. */
    static PreparedRevision appended(byte[] pdf, IncrementWriter.Increment increment, DigestAlgorithm algorithm) {
        byte[] document = Arrays.copyOf(pdf, pdf.length + increment.bytes().length);
        System.arraycopy(increment.bytes(), 0, document, pdf.length, increment.bytes().length);
        PreparedRevision revision = new PreparedRevision(document, increment.byteRange(),
                digestOfRanges(algorithm, document, increment.byteRange()));
        revision.requireConsistent(algorithm);
        return revision;
    }

    private static byte[] digestOfRanges(DigestAlgorithm algorithm, byte[] document, long[] byteRange) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm.jcaName());
            md.update(document, 0, (int) byteRange[1]);
            md.update(document, (int) byteRange[2], (int) byteRange[3]);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signature dictionary of a new PAdES signature: /SubFilter ETSI.CAdES.detached, /M, optional texts. */
    static PDSignature signatureDictionary(PadesOptions options) {
        PDSignature signature = new PDSignature();
        signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
        signature.setSubFilter(PadesSigner.ETSI_CADES_DETACHED);
        Instant claimed = options.signingTime() != null ? options.signingTime() : Instant.now();
        signature.setSignDate(GregorianCalendar.from(ZonedDateTime.ofInstant(claimed, PadesSigner.VIETNAM)));
        if (options.name() != null) {
            signature.setName(options.name());
        }
        if (options.reason() != null) {
            signature.setReason(options.reason());
        }
        if (options.location() != null) {
            signature.setLocation(options.location());
        }
        if (options.contactInfo() != null) {
            signature.setContactInfo(options.contactInfo());
        }
        return signature;
    }

    /**
     * Refuses a revision whose byte ranges are not exactly "everything but an empty {@code <…>} gap" or whose
     * digest is not the digest of those ranges — e.g. a prepared state altered on its way through a web server.
     */
    void requireConsistent(DigestAlgorithm digestAlgorithm) {
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
            if (Character.digit(document[i], 16) < 0) {
                throw new KysoException(RemoteSigningError.PREPARED_STATE_INVALID, "/Contents is not a hex string");
            }
        }
        if (!MessageDigest.isEqual(digest, digestOfRanges(digestAlgorithm, document, byteRange))) {
            throw new KysoException(RemoteSigningError.PREPARED_STATE_INVALID,
                    "the digest is not the digest of the byte ranges");
        }
    }

    /** The document with {@code contents} (DER CMS) hex-encoded into the gap; SIGNATURE_TOO_LARGE if it cannot fit. */
    byte[] embed(byte[] contents) {
        byte[] hex = gapHex(byteRange, contents);
        byte[] out = document.clone();
        System.arraycopy(hex, 0, out, (int) byteRange[1] + 1, hex.length);
        return out;
    }

    /**
     * {@code contents} as the upper-case hex written after the gap's {@code <}; SIGNATURE_TOO_LARGE if it cannot
     * fit. The rest of the gap keeps its placeholder, which reads as trailing zeros of the DER.
     */
    static byte[] gapHex(long[] byteRange, byte[] contents) {
        int capacity = (int) ((byteRange[2] - byteRange[1] - 2) / 2);
        if (contents.length > capacity) {
            throw new KysoException(PdfError.SIGNATURE_TOO_LARGE, contents.length, capacity);
        }
        return HexFormat.of().withUpperCase().formatHex(contents).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    static byte[] digest(DigestAlgorithm algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm.jcaName()).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] digest(DigestAlgorithm algorithm, InputStream content) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm.jcaName());
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = content.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
