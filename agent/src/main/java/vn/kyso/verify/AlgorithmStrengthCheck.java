package vn.kyso.verify;

import java.util.Locale;

import vn.kyso.token.KeyStrength;

/**
 * Flags signatures made with algorithms no longer considered secure (ETSI TS 119 312): SHA-1 as the digest, or a
 * key shorter than {@link KeyStrength} allows (RSA 2048, ECDSA 256 bits — the rule the token applies before
 * signing). Without a proof that the signature existed while they were still accepted this is INDETERMINATE, as in
 * EN 319 102-1.
 */
final class AlgorithmStrengthCheck implements SignatureCheck {

    @Override
    public void check(SignatureContext context) {
        String digest = context.digestAlgorithm == null ? "" : context.digestAlgorithm.toUpperCase(Locale.ROOT);
        if (digest.replace("-", "").equals("SHA1") || digest.equals("MD5")) {
            throw new VerificationFailure(SubIndication.CRYPTO_CONSTRAINTS_FAILURE_NO_POE,
                    "digest algorithm " + context.digestAlgorithm);
        }
        var key = context.signerCertificate.getPublicKey();
        int bits = KeySizes.bits(key);
        if (!KeyStrength.strongEnough(key.getAlgorithm(), bits)) {
            throw new VerificationFailure(SubIndication.CRYPTO_CONSTRAINTS_FAILURE_NO_POE,
                    key.getAlgorithm() + " key of " + bits + " bits");
        }
    }
}
