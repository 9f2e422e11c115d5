package vn.kyso.json;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;

import vn.kyso.errors.KysoException;
import vn.kyso.token.SignatureAlgorithm;

/**
 * The JWS algorithms Kyso signs and accepts (RFC 7518 §3.3-3.5): RSASSA-PKCS1-v1_5, RSASSA-PSS and ECDSA with
 * SHA-256/384/512 — exactly the token's {@link SignatureAlgorithm}s. {@code none}, HMAC (a shared secret proves no
 * signer) and anything else are refused, when signing and when verifying.
 */
public final class JwsAlgorithms {

    private static final Map<JWSAlgorithm, SignatureAlgorithm> ALLOWED = Map.of(
            JWSAlgorithm.RS256, SignatureAlgorithm.RSA_PKCS1_SHA256,
            JWSAlgorithm.RS384, SignatureAlgorithm.RSA_PKCS1_SHA384,
            JWSAlgorithm.RS512, SignatureAlgorithm.RSA_PKCS1_SHA512,
            JWSAlgorithm.PS256, SignatureAlgorithm.RSA_PSS_SHA256,
            JWSAlgorithm.PS384, SignatureAlgorithm.RSA_PSS_SHA384,
            JWSAlgorithm.PS512, SignatureAlgorithm.RSA_PSS_SHA512,
            JWSAlgorithm.ES256, SignatureAlgorithm.ECDSA_SHA256,
            JWSAlgorithm.ES384, SignatureAlgorithm.ECDSA_SHA384,
            JWSAlgorithm.ES512, SignatureAlgorithm.ECDSA_SHA512);

    private JwsAlgorithms() {
    }

    public static Set<JWSAlgorithm> allowed() {
        return ALLOWED.keySet();
    }

    /** The token algorithm behind an allowed JWS algorithm name; JWS_ALGORITHM_NOT_ALLOWED for anything else. */
    public static SignatureAlgorithm tokenAlgorithm(String jwsName) {
        SignatureAlgorithm algorithm = jwsName == null ? null : ALLOWED.get(JWSAlgorithm.parse(jwsName));
        if (algorithm == null) {
            throw new KysoException(JsonSignatureError.JWS_ALGORITHM_NOT_ALLOWED, String.valueOf(jwsName));
        }
        return algorithm;
    }

    public static JWSAlgorithm jwsAlgorithm(SignatureAlgorithm algorithm) {
        for (Map.Entry<JWSAlgorithm, SignatureAlgorithm> entry : ALLOWED.entrySet()) {
            if (entry.getValue() == algorithm) {
                return entry.getKey();
            }
        }
        throw new IllegalArgumentException(algorithm.name());
    }

    /**
     * JWA ties each ES algorithm to one curve (ES256 to P-256, ES384 to P-384, ES512 to P-521), unlike CMS where
     * any hash goes with any curve; for an EC key this is the only JWS algorithm it can use.
     */
    public static SignatureAlgorithm forEcKey(PublicKey key) {
        int bits = ((ECPublicKey) key).getParams().getOrder().bitLength();
        if (bits <= 256) {
            return SignatureAlgorithm.ECDSA_SHA256;
        }
        return bits <= 384 ? SignatureAlgorithm.ECDSA_SHA384 : SignatureAlgorithm.ECDSA_SHA512;
    }
}
