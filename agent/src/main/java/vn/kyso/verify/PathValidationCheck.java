package vn.kyso.verify;

/** RFC 5280 path validation of the signer's chain at the best signing time. */
final class PathValidationCheck implements SignatureCheck {

    @Override
    public void check(SignatureContext context) {
        ChainValidation.pkixAt(context.chain, context.bestSigningTime());
    }
}
