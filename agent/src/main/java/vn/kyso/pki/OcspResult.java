package vn.kyso.pki;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * A validated OCSP answer for one certificate.
 *
 * @param revocationTime   when revoked, else null
 * @param reason           when revoked and the responder said why, else null
 * @param nextUpdate       null when the responder gave none
 * @param encodedResponse  the whole DER OCSPResponse, to keep with the document (PAdES B-LT)
 */
public record OcspResult(Status status, Instant revocationTime, RevocationReason reason, Instant thisUpdate,
                         Instant nextUpdate, X509Certificate responderCertificate, byte[] encodedResponse,
                         boolean fromCache) {

    public enum Status { GOOD, REVOKED, UNKNOWN }

    public OcspResult {
        encodedResponse = encodedResponse.clone();
    }

    @Override
    public byte[] encodedResponse() {
        return encodedResponse.clone();
    }

    OcspResult servedFromCache() {
        return new OcspResult(status, revocationTime, reason, thisUpdate, nextUpdate, responderCertificate,
                encodedResponse, true);
    }
}
