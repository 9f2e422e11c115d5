package vn.kyso.verify;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.cms.CMSSignedData;

/**
 * The messageDigest signed attribute equals the digest of the bytes the byte ranges cover — or of a detached CMS's
 * content, given as bytes or as a digest (HASH_FAILURE if not).
 */
final class MessageDigestCheck implements SignatureCheck {

    @Override
    public void check(SignatureContext context) {
        byte[] signedContent = context.signedBytes;
        CMSSignedData cms = context.cms;
        if (!context.detached && cms.getSignedContent().getContent() instanceof byte[] encapsulated) {
            // adbe.pkcs7.sha1: the CMS signs an encapsulated SHA-1 of the byte ranges instead of the ranges.
            byte[] rangeDigest = Digests.digest(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                    org.bouncycastle.asn1.oiw.OIWObjectIdentifiers.idSHA1), context.signedBytes);
            if (!Digests.equal(rangeDigest, encapsulated)) {
                throw new VerificationFailure(SubIndication.HASH_FAILURE,
                        "the encapsulated SHA-1 does not match the signed byte ranges");
            }
            signedContent = encapsulated;
        }
        if (context.signer.getSignedAttributes() == null) {
            // Without signed attributes the signature value itself covers the content digest: the next check.
            context.warnings.add("no signed attributes (legacy PKCS#7)");
            return;
        }
        Attribute attribute = context.signer.getSignedAttributes().get(CMSAttributes.messageDigest);
        if (attribute == null) {
            throw new VerificationFailure(SubIndication.FORMAT_FAILURE, "the messageDigest signed attribute is missing");
        }
        byte[] claimed = ASN1OctetString.getInstance(attribute.getAttrValues().getObjectAt(0)).getOctets();
        byte[] actual;
        if (context.contentDigest != null) {
            // Detached CMS whose content the caller gave as a digest: it must be the signer's digest algorithm.
            if (!context.contentDigestAlgorithm.getAlgorithm().equals(
                    context.signer.getDigestAlgorithmID().getAlgorithm())) {
                throw new VerificationFailure(SubIndication.SIGNED_DATA_NOT_FOUND, "the content was given as a "
                        + context.contentDigestAlgorithm.getAlgorithm() + " digest, the signer used "
                        + context.signer.getDigestAlgorithmID().getAlgorithm());
            }
            actual = context.contentDigest;
        } else {
            // a PDF's signed bytes: hashed in one pass shared with the file's other signatures (SignedRanges)
            actual = context.ranges != null && signedContent == context.signedBytes
                    ? context.ranges.digest(context.signer.getDigestAlgorithmID(), context.signature.byteRange())
                    : null;
            if (actual == null) {
                actual = Digests.digest(context.signer.getDigestAlgorithmID(), signedContent);
            }
            context.signedContentDigest = actual;
        }
        if (!Digests.equal(claimed, actual)) {
            throw new VerificationFailure(SubIndication.HASH_FAILURE,
                    "the digest of the signed byte ranges differs from the messageDigest the signer signed");
        }
    }
}
