package vn.kyso.verify;

/** Every certificate of the chain is within its validity period at the best signing time. */
final class CertificateValidityCheck implements SignatureCheck {

    @Override
    public void check(SignatureContext context) {
        ChainValidation.validityAt(context.chain, context.bestSigningTime(), context.hasProofOfTime());
    }
}
