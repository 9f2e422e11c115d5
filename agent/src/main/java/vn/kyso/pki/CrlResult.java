package vn.kyso.pki;

import java.security.cert.X509CRL;
import java.time.Instant;

/**
 * A certificate's status according to a validated CRL.
 *
 * @param revocationTime when revoked, else null
 * @param reason         when revoked and the CRL entry says why, else null
 * @param nextUpdate     null when the CRL gave none
 * @param encoded        the DER CRL, to keep with the document (PAdES B-LT)
 */
public record CrlResult(boolean revoked, Instant revocationTime, RevocationReason reason, Instant thisUpdate,
                        Instant nextUpdate, X509CRL crl, byte[] encoded, boolean fromCache) {

    public CrlResult {
        encoded = encoded.clone();
    }

    @Override
    public byte[] encoded() {
        return encoded.clone();
    }
}
