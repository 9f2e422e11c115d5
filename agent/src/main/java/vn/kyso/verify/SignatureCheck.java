package vn.kyso.verify;

/**
 * One rule about one signature. A check reads what earlier checks established in the context, may add facts of its
 * own (the certificate chain, the best signing time …) and throws {@link VerificationFailure} with its own
 * sub-indication when its rule does not hold.
 */
@FunctionalInterface
interface SignatureCheck {
    void check(SignatureContext context) throws VerificationFailure;
}
