package vn.kyso.sign;

import java.security.cert.X509Certificate;
import java.util.List;

import vn.kyso.token.SignatureAlgorithm;

/**
 * The format engines' only way to a private key: a certificate and a function from digest to signature value.
 * The engines never see a token, a PIN or a session; the token layer never sees a document.
 */
public interface SignerPort {

    /** The signer's certificate. */
    X509Certificate certificate();

    /** Certificates from the signer up (leaf first) as far as they are known locally; at least the leaf. */
    List<X509Certificate> chain();

    /** Algorithms this key can sign with, preferred first. */
    List<SignatureAlgorithm> algorithms();

    /**
     * Signs a digest. RSA results are the raw signature value; ECDSA results are DER (as CMS and PDF want them).
     * Throws {@code KysoException} with the token layer's codes (PIN_INCORRECT, TOKEN_REMOVED, …).
     */
    byte[] sign(byte[] digest, SignatureAlgorithm algorithm);
}
