package vn.kyso.verify;

import java.time.Instant;
import java.util.List;

/**
 * The verdict on a whole document: TOTAL_PASSED only when it has at least one signature and every signature and
 * document timestamp passed.
 *
 * @param error set when the document could not be verified at all (unreadable, encrypted, unsigned)
 */
public record DocumentReport(Indication indication, VerifyError error, String errorDetail, Instant verifiedAt,
                             List<SignatureReport> signatures) {

    public DocumentReport {
        signatures = List.copyOf(signatures);
    }

    static DocumentReport of(Instant verifiedAt, List<SignatureReport> signatures) {
        Indication overall = Indication.TOTAL_PASSED;
        for (SignatureReport signature : signatures) {
            overall = overall.worst(signature.indication());
        }
        return new DocumentReport(overall, null, null, verifiedAt, signatures);
    }

    static DocumentReport failed(Instant verifiedAt, VerifyError error, String detail) {
        Indication indication = switch (error) {
            case DOCUMENT_UNREADABLE, CMS_UNREADABLE, XML_UNREADABLE, JWS_UNREADABLE, JWS_ALGORITHM_NOT_ALLOWED ->
                    Indication.TOTAL_FAILED;
            default -> Indication.INDETERMINATE;
        };
        return new DocumentReport(indication, error, detail, verifiedAt, List.of());
    }
}
