package vn.kyso.verify;

import java.util.List;

/**
 * No signature's unsigned gap may cut into bytes an earlier signature signed (a later signature covering an
 * earlier one's /Contents is normal; the reverse is not): the earlier signature's bytes would
 * then sit where the later one excludes them from its hash, so they could be swapped unnoticed (the
 * "overlapping byte ranges" attack).
 */
final class GapOverlapCheck implements SignatureCheck {

    private final List<PdfSignature> all;

    GapOverlapCheck(List<PdfSignature> all) {
        this.all = all;
    }

    @Override
    public void check(SignatureContext context) {
        long[] mine = context.signature.byteRange();
        long gapStart = mine[1];
        long gapEnd = mine[2];
        for (PdfSignature other : all) {
            long[] range = other.byteRange();
            if (other == context.signature || range.length != 4
                    || other.revisionEnd() >= context.signature.revisionEnd()) {
                continue;
            }
            boolean overlapsFirst = gapStart < range[0] + range[1] && range[0] < gapEnd;
            boolean overlapsSecond = gapStart < range[2] + range[3] && range[2] < gapEnd;
            if (overlapsFirst || overlapsSecond) {
                throw new VerificationFailure(SubIndication.FORMAT_FAILURE, "the unsigned /Contents gap ["
                        + gapStart + ", " + gapEnd + ") overlaps bytes signed by " + other.fieldName());
            }
        }
    }
}
