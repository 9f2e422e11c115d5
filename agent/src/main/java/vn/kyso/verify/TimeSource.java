package vn.kyso.verify;

/**
 * Where a signing time comes from: a verified signature timestamp (proof), the signer's own claim (/M or the CMS
 * signing-time, only a claim) or, with neither, the moment of verification (ETSI's "current time").
 */
public enum TimeSource {
    TIMESTAMP, CLAIMED, VERIFICATION_TIME
}
