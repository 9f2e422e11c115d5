package vn.kyso.verify;

import org.bouncycastle.asn1.cms.CMSAttributes;

/**
 * The CMS signs its attributes, not the document bytes directly: without signed attributes (and their
 * message-digest) nothing binds the content type or the signer's certificate to the signature. EN 319 102-1's
 * signature acceptance validation, as EU DSS's default policy applies it (MessageDigestOrSignedPropertiesPresent),
 * makes such a signature INDETERMINATE / SIG_CONSTRAINTS_FAILURE even when its value verifies.
 */
final class SignedAttributesCheck implements SignatureCheck {

    @Override
    public void check(SignatureContext context) {
        var signed = context.signer.getSignedAttributes();
        if (signed == null || signed.get(CMSAttributes.messageDigest) == null) {
            throw new VerificationFailure(SubIndication.SIG_CONSTRAINTS_FAILURE,
                    "the CMS has no signed attributes (no message-digest): the signature covers the bytes only");
        }
    }
}
