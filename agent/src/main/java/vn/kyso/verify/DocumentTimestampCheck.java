package vn.kyso.verify;

import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * A document timestamp (/SubFilter ETSI.RFC3161) is checked as a timestamp: its /Contents is an RFC 3161 token
 * whose imprint covers the byte ranges, issued by a TSA chaining to a trusted root.
 */
final class DocumentTimestampCheck implements SignatureCheck {

    private final TimestampVerifier timestamps;

    DocumentTimestampCheck(TimestampVerifier timestamps) {
        this.timestamps = timestamps;
    }

    @Override
    public void check(SignatureContext context) {
        TimeStampToken token;
        try {
            token = new TimeStampToken(new CMSSignedData(context.signature.cms()));
        } catch (Exception e) {
            throw new VerificationFailure(SubIndication.FORMAT_FAILURE,
                    "/Contents of a document timestamp is not an RFC 3161 token: " + e, e);
        }
        context.digestAlgorithm = new org.bouncycastle.operator.DefaultAlgorithmNameFinder()
                .getAlgorithmName(token.getTimeStampInfo().getHashAlgorithm());
        TimestampVerifier.Verified verified;
        try {
            verified = timestamps.verify(token, context.signedBytes, context.certificatePool(), context.evidence);
        } catch (VerificationFailure e) {
            context.timestamp = new TimestampInfo(token.getTimeStampInfo().getGenTime().toInstant(), null, null,
                    false, e.reason());
            if (e.subIndication() == SubIndication.TIMESTAMP_INVALID
                    && e.reason().contains("message imprint")) {
                // For a document timestamp the imprint is over the document: a mismatch means altered content.
                throw new VerificationFailure(SubIndication.HASH_FAILURE, e.reason(), e);
            }
            throw e;
        }
        context.signerCertificate = verified.tsaCertificate();
        context.timestamp = verified.info();
        context.signingTime = new SigningTime(verified.info().time(), TimeSource.TIMESTAMP, null, false);
    }
}
