package vn.kyso.verify;

import java.time.Instant;

/**
 * A verified-or-not RFC 3161 token.
 *
 * @param valid               imprint, signature and TSA chain to a trusted root all checked
 * @param problem             why not valid, else null
 * @param tsaRevocationSource where the TSA certificate's revocation status came from (embedded first, online only
 *                            when needed); null when the token was not verified that far
 */
public record TimestampInfo(Instant time, String tsaName, String digestAlgorithm, boolean valid, String problem,
                            RevocationSource tsaRevocationSource) {

    public TimestampInfo(Instant time, String tsaName, String digestAlgorithm, boolean valid, String problem) {
        this(time, tsaName, digestAlgorithm, valid, problem, null);
    }
}
