package vn.kyso.testpki;

import java.math.BigInteger;
import java.time.Instant;

/** A revoked certificate as the OCSP responder and the CRL report it. Reason is an RFC 5280 CRLReason code. */
public record Revocation(String issuerAlias, BigInteger serial, Instant revokedAt, int reason) {
}
