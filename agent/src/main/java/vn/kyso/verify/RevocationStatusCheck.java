package vn.kyso.verify;

/**
 * The signer's chain was not revoked at the best signing time, judged first from the validation data the document
 * carries (/DSS with its VRI entries and what the CMS carries, merged into the context by {@link CmsParseCheck}),
 * then online when that data says nothing for the time that matters.
 */
final class RevocationStatusCheck implements SignatureCheck {

    @Override
    public void check(SignatureContext context) {
        context.revocation = new RevocationCheck(context.settings).check(context.chain, context.evidence,
                context.bestSigningTime(), context.hasProofOfTime(), context.signingTime.claimed());
    }
}
