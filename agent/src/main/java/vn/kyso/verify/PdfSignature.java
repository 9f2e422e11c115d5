package vn.kyso.verify;

import java.time.Instant;

/**
 * One signature dictionary as found in the final file, before anything is checked.
 *
 * @param byteRange   the /ByteRange numbers as written (any count, possibly nonsense: checking them is a rule)
 * @param contents    the /Contents bytes (DER, usually zero-padded)
 * @param claimedTime the /M entry, only a claim; null when absent
 * @param docMdpP     the DocMDP /P of a certification signature, null for an approval signature
 */
public record PdfSignature(String fieldName, String subFilter, long[] byteRange, byte[] contents, Instant claimedTime,
                           Integer docMdpP) {

    public boolean isDocumentTimestamp() {
        return "ETSI.RFC3161".equals(subFilter);
    }

    /** End of the revision this signature signs: the end of its second byte range (0 when unusable). */
    public long revisionEnd() {
        return byteRange.length == 4 ? byteRange[2] + byteRange[3] : 0;
    }
}
