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

    public CertificateEntry {
        keyUsage = List.copyOf(keyUsage);
        algorithms = List.copyOf(algorithms);
    }

    CertificateEntry withPrivateKey(PrivateKeyState state, boolean alwaysAuth) {
        return new CertificateEntry(id, tokenId, tokenLabel, ckaId, label, certificate, subject, issuer, serialNumber,
                notBefore, notAfter, keyAlgorithm, keyBits, keyUsage, algorithms, state, alwaysAuth);
    }
}
