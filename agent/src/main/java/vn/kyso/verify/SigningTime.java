package vn.kyso.verify;

import java.time.Instant;

/**
 * The best signing time used for the certificate checks and what the signer claimed.
 *
 * @param time          the time the checks used
 * @param source        where {@code time} came from
 * @param claimed       the /M or CMS signing-time the signer wrote, or null
 * @param localTimeSkew true when claimed − timestamp ≈ +7 h: a signer that wrote Vietnamese local time as UTC
 */
public record SigningTime(Instant time, TimeSource source, Instant claimed, boolean localTimeSkew) {
}
