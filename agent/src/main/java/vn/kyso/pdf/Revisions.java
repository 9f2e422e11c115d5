package vn.kyso.pdf;

import java.io.IOException;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;

/**
 * Appends one incremental revision of a document loaded from a {@link PdfOutput} and changed since: with
 * {@link IncrementWriter}, or with PDFBox's own writer for encrypted documents (it encrypts the new strings and
 * streams). The one place that choice is made, for every stage of the pipeline and both kinds of output.
 */
final class Revisions {

    private Revisions() {
    }

    /** Appends what changed in {@code pdf}, loaded from {@code out} when it was {@code length} bytes long. */
    static void append(PdfOutput out, PDDocument pdf, long length) throws IOException {
        if (IncrementWriter.supports(pdf)) {
            out.append(length, IncrementWriter.write(pdf, length).bytes());
            return;
        }
        IncrementCapture capture = new IncrementCapture(length);
        pdf.saveIncremental(capture);
        out.append(length, capture.revision());
    }

    /**
     * Appends what changed in {@code pdf}, which holds the new {@code signature} with its /Contents reserved: the gap
     * stays empty (zeros, or the encrypted placeholder PDFBox writes) until a signature is written into it.
     *
     * @return the byte range written into the signature dictionary
     */
    static long[] appendWithGap(PdfOutput out, PDDocument pdf, PDSignature signature, long length)
            throws IOException {
        if (IncrementWriter.supports(pdf)) {
            IncrementWriter.Increment increment = IncrementWriter.write(pdf, length);
            out.append(length, increment.bytes());
            return increment.byteRange();
        }
        IncrementCapture capture = new IncrementCapture(length);
        ExternalSigningSupport external = pdf.saveIncrementalForExternalSigning(capture);
        // PDFBox writes the revision only when given the signature; an empty one leaves the reserved placeholder.
        external.setSignature(new byte[0]);
        out.append(length, capture.revision());
        int[] range = signature.getByteRange();
        return new long[] {range[0], range[1], range[2], range[3]};
    }
}
