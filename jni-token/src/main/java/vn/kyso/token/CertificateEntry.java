package vn.kyso.token;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A certificate on a token together with what is known about its private key.
 *
 * @param id             stable identifier: lowercase hex SHA-256 of the certificate's DER; survives re-plugging
 *                       and is the same on every machine
 * @param ckaId          hex of the CKA_ID shared by certificate and key objects
 * @param keyAlgorithm   "RSA" or "EC"
 * @param keyBits        modulus length or curve size
 * @param keyUsage       RFC 5280 key usage names present in the certificate
 * @param algorithms     signature algorithms the token offers for this key
 * @param privateKey     whether a matching private key was seen (FOUND), ruled out (MISSING), or cannot be known
 *                       before login because the token hides private objects (UNKNOWN_UNTIL_LOGIN)
 */
public record CertificateEntry(String id, String tokenId, String tokenLabel, String ckaId, String label,
                               X509Certificate certificate, String subject, String issuer, String serialNumber,
                               Instant notBefore, Instant notAfter, String keyAlgorithm, int keyBits,
                               List<String> keyUsage, List<SignatureAlgorithm> algorithms, PrivateKeyState privateKey,
                               boolean alwaysAuthenticate) {

    public enum PrivateKeyState { FOUND, MISSING, UNKNOWN_UNTIL_LOGIN }

    /** Where now lies in the certificate's validity period. */
    public enum Validity { VALID, EXPIRED, NOT_YET_VALID }

    public CertificateEntry {
        keyUsage = List.copyOf(keyUsage);
        algorithms = List.copyOf(algorithms);
    }

    /**
     * A certification authority's certificate (basicConstraints cA, or keyCertSign/cRLSign without a signing usage):
     * tokens often carry the Sub CA and Root CA beside the person's own certificate. They are shown as such and never
     * offered for signing documents.
     */
    public boolean ca() {
        boolean signs = keyUsage.contains("digitalSignature") || keyUsage.contains("nonRepudiation");
        return certificate.getBasicConstraints() >= 0
                || !signs && (keyUsage.contains("keyCertSign") || keyUsage.contains("cRLSign"));
    }

    public Validity validity(Instant now) {
        if (now.isBefore(notBefore)) {
            return Validity.NOT_YET_VALID;
        }
        return now.isAfter(notAfter) ? Validity.EXPIRED : Validity.VALID;
    }

    /** A certificate a person may pick to sign with: not a CA, a key that may be on the token, valid now. */
    public boolean offeredForSigning(Instant now) {
        return !ca() && privateKey != PrivateKeyState.MISSING && validity(now) == Validity.VALID;
    }

    CertificateEntry withPrivateKey(PrivateKeyState state, boolean alwaysAuth) {
        return new CertificateEntry(id, tokenId, tokenLabel, ckaId, label, certificate, subject, issuer, serialNumber,
                notBefore, notAfter, keyAlgorithm, keyBits, keyUsage, algorithms, state, alwaysAuth);
    }
}
