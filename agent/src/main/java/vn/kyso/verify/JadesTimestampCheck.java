package vn.kyso.verify;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * The JAdES signature time-stamp (etsiU sigTst, TS 119 182-1 §5.3.4), whose imprint covers the base64url JWS
 * Signature Value; verified like a CMS signature time-stamp, and its time becomes the best signing time.
 */
final class JadesTimestampCheck implements SignatureCheck {

    private final TimestampVerifier timestamps;

    JadesTimestampCheck(TimestampVerifier timestamps) {
        this.timestamps = timestamps;
    }

    @Override
    public void check(SignatureContext context) {
        List<byte[]> stamps = context.jadesUnsigned.signatureTimeStamps();
        if (stamps.isEmpty()) {
            SignatureTimestampCheck.withoutTimestamp(context, context.claimedTime);
            return;
        }
        TimeStampToken token;
        try {
            token = new TimeStampToken(new CMSSignedData(stamps.get(0)));
        } catch (Exception e) {
            throw new VerificationFailure(SubIndication.TIMESTAMP_INVALID, "unreadable sigTst token: " + e, e);
        }
        SignatureTimestampCheck.judge(context, timestamps, token,
                context.jws.signature().getBytes(StandardCharsets.US_ASCII), context.claimedTime);
    }
}
