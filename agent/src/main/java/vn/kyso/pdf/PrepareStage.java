package vn.kyso.pdf;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.GregorianCalendar;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;

import vn.kyso.token.DigestAlgorithm;

/**
 * Stage one of the PAdES pipeline: a revision with the new field, its appearance and the signature dictionary, its
 * /Contents reserved and its byte range fixed — for the signature itself and, the same way, for a document
 * time-stamp (B-LTA).
 */
final class PrepareStage {

    static final COSName ETSI_CADES_DETACHED = COSName.getPDFName("ETSI.CAdES.detached");
    static final COSName ETSI_RFC3161 = COSName.getPDFName("ETSI.RFC3161");
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    /** Room for a document time-stamp's /Contents. */
    static final int DOCUMENT_TIMESTAMP_SIZE = 16 * 1024;

    private PrepareStage() {
    }

    /** A revision written with its gap, and the page count of the document it was written in. */
    record Placed(SignatureGap gap, int pages) {
    }

    /**
     * The signature revision (/SubFilter ETSI.CAdES.detached, /M = claimed time, the options' appearance) with
     * {@code reserved} bytes for the CMS; PDF_CHANGES_NOT_ALLOWED on a document certified against changes.
     */
    static SignatureGap signature(PdfOutput out, PadesOptions options, int reserved, DigestAlgorithm digest)
            throws IOException {
        return placed(out, options, reserved, digest).gap();
    }

    /**
     * {@link #signature}, with the page count read from the parse that writes the revision — a caller that shows the
     * count (a batch's consent) need not parse the document again for it.
     */
    static Placed placed(PdfOutput out, PadesOptions options, int reserved, DigestAlgorithm digest)
            throws IOException {
        return placeholder(out, options.password(), signatureDictionary(options), options.appearance(), reserved,
                digest, true);
    }

    /** The document time-stamp revision: an invisible /DocTimeStamp (/SubFilter ETSI.RFC3161) over SHA-256. */
    static SignatureGap documentTimeStamp(PdfOutput out, String password) throws IOException {
        PDSignature timeStamp = new PDSignature();
        timeStamp.setType(COSName.DOC_TIME_STAMP);
        timeStamp.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
        timeStamp.setSubFilter(ETSI_RFC3161);
        // The DocMDP permission was checked when the signature it protects was prepared.
        return placeholder(out, password, timeStamp, SignatureAppearance.INVISIBLE, DOCUMENT_TIMESTAMP_SIZE,
                DigestAlgorithm.SHA256, false).gap();
    }

    private static Placed placeholder(PdfOutput out, String password, PDSignature signature,
                                      SignatureAppearance appearance, int reserved, DigestAlgorithm digest,
                                      boolean isChange) throws IOException {
        long length = out.length();
        try (PDDocument document = out.load(password)) {
            if (isChange) {
                PdfDocuments.requireChangesPermitted(document);
            }
            int pages = document.getNumberOfPages(); // the new field adds no page
            SignatureFieldPreparer.prepare(document, signature, appearance, reserved);
            long[] byteRange = Revisions.appendWithGap(out, document, signature, length);
            return new Placed(new SignatureGap(byteRange, out.digest(byteRange, digest)), pages);
        }
    }

    /** The signature dictionary of a new PAdES signature: /SubFilter ETSI.CAdES.detached, /M, optional texts. */
    static PDSignature signatureDictionary(PadesOptions options) {
        PDSignature signature = new PDSignature();
        signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
        signature.setSubFilter(ETSI_CADES_DETACHED);
        Instant claimed = options.signingTime() != null ? options.signingTime() : Instant.now();
        signature.setSignDate(GregorianCalendar.from(ZonedDateTime.ofInstant(claimed, VIETNAM)));
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
}
