package vn.kyso.verify;

import java.time.Instant;

/**
 * A verified-or-not RFC 3161 token.
 *
 * @param valid   imprint, signature and TSA chain to a trusted root all checked
 * @param problem why not valid, else null
 */
public record TimestampInfo(Instant time, String tsaName, String digestAlgorithm, boolean valid, String problem) {
}
