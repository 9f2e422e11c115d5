package vn.kyso.verify;

/**
 * Whether a change is allowed by the signature's DocMDP permission. Without DocMDP every kind
 * {@link ChangeKind#allowedByDefault() allowed by default} is. A certification signature's P narrows this: P=1 allows
 * only /DSS and document timestamps, P=2 adds form filling and signatures, P=3 adds annotations (ISO 32000-1
 * §12.8.2.2; ISO 32000-2:2020 §12.8.5.3 and the approved correction to Table 257: updates that only add DSS or
 * document timestamps are not changes in the DocMDP sense, so long-term validation stays possible on a certified
 * document).
 */
final class DocMdpPermissions {

    private DocMdpPermissions() {
    }

    /** @param docMdpP the P value of the document's certification, or null when it is not certified */
    static boolean allowed(ChangeKind kind, Integer docMdpP) {
        if (!kind.allowedByDefault()) {
            return false;
        }
        if (docMdpP == null) {
            return true;
        }
        return switch (kind) {
            case DSS_ADDED, DOCUMENT_TIMESTAMP_ADDED -> true;
            case SIGNATURE_ADDED, FORM_FILLED -> docMdpP >= 2;
            case ANNOTATION_CHANGED -> docMdpP >= 3;
            default -> docMdpP >= 2;
        };
    }
}
