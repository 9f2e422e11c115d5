package vn.kyso.pdf;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.kyso.errors.KysoException;
import vn.kyso.token.SignatureAlgorithm;

/**
 * Step one of two-step signing: a PDF whose signature revision is written with /Contents reserved, and everything
 * step two needs — plain data, so a web app can keep it (JSON, byte arrays as base64) while its user signs elsewhere.
 * Nothing in it is trusted on completion: the digest is recomputed from the document and the signature is checked
 * against the digest and the certificate before anything is written.
 *
 * @param document               the prepared PDF: input bytes, then the signature revision with zeros in /Contents
 * @param byteRange              the /ByteRange of the new signature
 * @param algorithm              the signature algorithm the CMS must use (its hash made the digests below)
 * @param contentDigest          digest of the byte ranges — the messageDigest of a CMS built by the caller
 * @param signedAttributes       DER signed attributes Kyso would use (content-type, message-digest,
 *                               signing-certificate-v2) for callers that only produce a raw signature value
 * @param signedAttributesDigest digest of {@code signedAttributes}: what the key signs in that case
 * @param certificates           the signer's chain in DER, leaf first
 * @param level                  the PAdES level asked for; completion adds the time-stamp, /DSS …
 * @param policy                 what completion does when a TSA or revocation service fails
 * @param timeStampWanted        false when prepare already knew no time-stamp can be had (best effort)
 * @param warnings               what prepare already had to give up
 */
public record PreparedSignature(byte[] document, long[] byteRange, SignatureAlgorithm algorithm,
                                byte[] contentDigest, byte[] signedAttributes, byte[] signedAttributesDigest,
                                List<byte[]> certificates, PadesLevel level, LevelPolicy policy,
                                boolean timeStampWanted, List<SignWarning> warnings) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public PreparedSignature {
        certificates = List.copyOf(certificates);
        warnings = List.copyOf(warnings);
    }

    /** The chain as certificates; PREPARED_STATE_INVALID when the state does not hold readable ones. */
    public List<X509Certificate> chain() {
        List<X509Certificate> out = new ArrayList<>();
        try {
            var factory = java.security.cert.CertificateFactory.getInstance("X.509");
            for (byte[] der : certificates) {
                out.add((X509Certificate) factory.generateCertificate(new java.io.ByteArrayInputStream(der)));
            }
        } catch (java.security.cert.CertificateException e) {
            throw new KysoException(RemoteSigningError.PREPARED_STATE_INVALID, "unreadable certificate");
        }
        if (out.isEmpty()) {
            throw new KysoException(RemoteSigningError.PREPARED_STATE_INVALID, "no signer certificate");
        }
        return out;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a prepared signature is plain data", e);
        }
    }

    /** PREPARED_STATE_INVALID when {@code json} is not a prepared signature. */
    public static PreparedSignature fromJson(String json) {
        try {
            return JSON.readValue(json, PreparedSignature.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new KysoException(RemoteSigningError.PREPARED_STATE_INVALID, "unreadable JSON");
        }
    }
}
