package vn.kyso.testpki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/** Key algorithms the test PKI issues; the same ones real VGCA and public-CA tokens hold. */
public enum KeyType {
    RSA_2048("RSA", 2048),
    RSA_3072("RSA", 3072),
    EC_P256("EC", 256),
    /** ECDSA P-384 and P-521: the curves JWA ties to ES384 and ES512 (RFC 7518 §3.4). */
    EC_P384("EC", 384),
    EC_P521("EC", 521);

    private final String algorithm;
    private final int bits;

    KeyType(String algorithm, int bits) {
        this.algorithm = algorithm;
        this.bits = bits;
    }

    public String algorithm() {
        return algorithm;
    }

    public int bits() {
        return bits;
    }

    public String certificateSignatureAlgorithm() {
        return "RSA".equals(algorithm) ? "SHA256withRSA" : "SHA256withECDSA";
    }

    KeyPair generate(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if ("EC".equals(algorithm)) {
            generator.initialize(new ECGenParameterSpec(switch (bits) {
                case 384 -> "secp384r1";
                case 521 -> "secp521r1";
                default -> "secp256r1";
            }), random);
        } else {
            generator.initialize(bits, random);
        }
        return generator.generateKeyPair();
    }
}
