package vn.kyso.json;

/** What kind of JSON signature: a plain JWS (RFC 7515) or a JAdES baseline signature (ETSI TS 119 182-1). */
public enum JwsProfile {
    /** alg and the certificate chain (x5c) in the protected header; nothing else is promised. */
    JWS,
    /** Plus x5t#S256 and the claimed signing time iat (sigD and crit when detached); B-T/B-LT add the unprotected etsiU header. */
    JADES
}
