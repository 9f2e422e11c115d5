package vn.kyso.token;

import java.util.Locale;

import vn.kyso.errors.KysoException;

/** What a token can be asked to do with a digest: the three schemes the regulations allow, each with SHA-2. */
public enum SignatureAlgorithm {
    RSA_PKCS1_SHA256(KeyKind.RSA, Scheme.PKCS1, DigestAlgorithm.SHA256, "SHA256withRSA"),
    RSA_PKCS1_SHA384(KeyKind.RSA, Scheme.PKCS1, DigestAlgorithm.SHA384, "SHA384withRSA"),
    RSA_PKCS1_SHA512(KeyKind.RSA, Scheme.PKCS1, DigestAlgorithm.SHA512, "SHA512withRSA"),
    RSA_PSS_SHA256(KeyKind.RSA, Scheme.PSS, DigestAlgorithm.SHA256, "SHA256withRSAandMGF1"),
    RSA_PSS_SHA384(KeyKind.RSA, Scheme.PSS, DigestAlgorithm.SHA384, "SHA384withRSAandMGF1"),
    RSA_PSS_SHA512(KeyKind.RSA, Scheme.PSS, DigestAlgorithm.SHA512, "SHA512withRSAandMGF1"),
    ECDSA_SHA256(KeyKind.EC, Scheme.ECDSA, DigestAlgorithm.SHA256, "SHA256withECDSA"),
    ECDSA_SHA384(KeyKind.EC, Scheme.ECDSA, DigestAlgorithm.SHA384, "SHA384withECDSA"),
    ECDSA_SHA512(KeyKind.EC, Scheme.ECDSA, DigestAlgorithm.SHA512, "SHA512withECDSA");

    public enum KeyKind { RSA, EC }

    public enum Scheme { PKCS1, PSS, ECDSA }

    private final KeyKind keyKind;
    private final Scheme scheme;
    private final DigestAlgorithm digest;
    private final String jcaName;

    SignatureAlgorithm(KeyKind keyKind, Scheme scheme, DigestAlgorithm digest, String jcaName) {
        this.keyKind = keyKind;
        this.scheme = scheme;
        this.digest = digest;
        this.jcaName = jcaName;
    }

    public KeyKind keyKind() {
        return keyKind;
    }

    public Scheme scheme() {
        return scheme;
    }

    public DigestAlgorithm digest() {
        return digest;
    }

    /** JCA name; PSS uses MGF1 with the same digest and a salt as long as the digest (RFC 8017 recommendation). */
    public String jcaName() {
        return jcaName;
    }

    public static SignatureAlgorithm of(KeyKind kind, Scheme scheme, DigestAlgorithm digest) {
        for (SignatureAlgorithm a : values()) {
            if (a.keyKind == kind && a.scheme == scheme && a.digest == digest) {
                return a;
            }
        }
        throw new IllegalArgumentException(kind + "/" + scheme + "/" + digest);
    }

    /**
     * Parses an enum name or a JCA name ("SHA256withRSA"); SHA-1 and MD5 are refused with ALGORITHM_NOT_ALLOWED,
     * so a caller cannot slip a weak digest through a string.
     */
    public static SignatureAlgorithm parse(String name) {
        String normalised = name.trim();
        for (SignatureAlgorithm a : values()) {
            if (a.name().equalsIgnoreCase(normalised) || a.jcaName.equalsIgnoreCase(normalised)) {
                return a;
            }
        }
        throw new KysoException(TokenError.ALGORITHM_NOT_ALLOWED, normalised.toUpperCase(Locale.ROOT));
    }
}
