package vn.kyso.verify;

import java.time.Instant;

import vn.kyso.cms.EncodedObject;

/**
 * One signature dictionary as found in the final file, before anything is checked.
 *
 * @param byteRange   the /ByteRange numbers as written (any count, possibly nonsense: checking them is a rule)
 * @param contents    the /Contents bytes (DER, usually zero-padded)
 * @param claimedTime the /M entry, only a claim; null when absent
 * @param docMdpP     the DocMDP /P of a certification signature, null for an approval signature
 * @param type        the dictionary's /Type (Sig, DocTimeStamp) or null when absent
 */
public record PdfSignature(String fieldName, String subFilter, long[] byteRange, byte[] contents, Instant claimedTime,
                           Integer docMdpP, String type) {

    public PdfSignature(String fieldName, String subFilter, long[] byteRange, byte[] contents, Instant claimedTime,
                        Integer docMdpP) {
        this(fieldName, subFilter, byteRange, contents, claimedTime, docMdpP, null);
    }

    /**
     * A document time-stamp as EN 319 142-1 §5.4.3 and ISO 32000-2 §12.8.5 define it, able to carry a signature to
     * T or LTA: /SubFilter ETSI.RFC3161 in a dictionary whose /Type is DocTimeStamp (or absent). An RFC 3161 token
     * under /Type /Sig is still checked as a time-stamp but, as EU DSS reads it, raises no level.
     */
    public boolean isLevelDocumentTimestamp() {
        return isDocumentTimestamp() && (type == null || "DocTimeStamp".equals(type));
    }

    public boolean isDocumentTimestamp() {
        return "ETSI.RFC3161".equals(subFilter);
    }

    /**
     * The CMS alone, as BouncyCastle must be given it: /Contents up to the end of its first ASN.1 object, read from the
     * object's encoding (the padding after it dropped, never bytes of the CMS itself).
     *
     * @throws IllegalArgumentException when /Contents does not start with a complete ASN.1 object
     */
    public byte[] cms() {
        return EncodedObject.first(contents);
    }

    /** End of the revision this signature signs: the end of its second byte range (0 when unusable). */
    public long revisionEnd() {
        return byteRange.length == 4 ? byteRange[2] + byteRange[3] : 0;
    }
}
