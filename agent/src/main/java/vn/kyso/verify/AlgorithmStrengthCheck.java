package vn.kyso.verify;

import java.util.Locale;

/**
 * Flags signatures made with algorithms no longer considered secure (ETSI TS 119 312): SHA-1 as the digest, or an
 * RSA key shorter than 2048 bits. Without a proof that the signature existed while they were still accepted this
 * is INDETERMINATE, as in EN 319 102-1.
 */
final class AlgorithmStrengthCheck implements SignatureCheck {

    static final int MIN_RSA_BITS = 2048;

    @Override
    public void check(SignatureContext context) {
        String digest = context.digestAlgorithm == null ? "" : context.digestAlgorithm.toUpperCase(Locale.ROOT);
        if (digest.replace("-", "").equals("SHA1") || digest.equals("MD5")) {
            throw new VerificationFailure(SubIndication.CRYPTO_CONSTRAINTS_FAILURE_NO_POE,
                    "digest algorithm " + context.digestAlgorithm);
        }
        var key = context.signerCertificate.getPublicKey();
        int bits = KeySizes.bits(key);
        if ("RSA".equals(key.getAlgorithm()) && bits < MIN_RSA_BITS) {
            throw new VerificationFailure(SubIndication.CRYPTO_CONSTRAINTS_FAILURE_NO_POE, "RSA key of " + bits + " bits");
        }
    }
}
