package vn.kyso.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * The signature timestamp (unsigned attribute id-aa-signatureTimeStampToken) time-stamps the signature value; when
 * it verifies, its time is the best signing time. The claimed time (CMS signing-time, else /M) is reported as a
 * claim only, with the +7 h quirk flagged: some Vietnamese signers write local time (UTC+7) as if it were UTC.
 */
final class SignatureTimestampCheck implements SignatureCheck {

    private static final Duration SEVEN_HOURS = Duration.ofHours(7);

    private final TimestampVerifier timestamps;

    SignatureTimestampCheck(TimestampVerifier timestamps) {
        this.timestamps = timestamps;
    }

    @Override
    public void check(SignatureContext context) {
        Instant claimed = claimedTime(context);
        var unsigned = context.signer.getUnsignedAttributes();
        Attribute attribute = unsigned == null ? null
                : unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        if (attribute == null) {
            withoutTimestamp(context, claimed);
            return;
        }
        // parsed once with the signer's other tokens; parsed here again only to say why it does not parse
        TimeStampToken token = CmsEvidence.firstSignatureTimestamp(context.signer);
        if (token == null) {
            try {
                token = new TimeStampToken(new CMSSignedData(
                        ContentInfo.getInstance(attribute.getAttrValues().getObjectAt(0))));
            } catch (Exception e) {
                throw new VerificationFailure(SubIndication.TIMESTAMP_INVALID, "unreadable timestamp token: " + e, e);
            }
        }
        judge(context, timestamps, token, context.signer.getSignature(), claimed);
    }

    /** No signature time-stamp: the verification time stands, and a claimed time is reported as a claim only. */
    static void withoutTimestamp(SignatureContext context, Instant claimed) {
        context.signingTime = new SigningTime(context.verificationTime, TimeSource.VERIFICATION_TIME, claimed,
                false);
        if (claimed != null) {
            context.warnings.add("signing time " + claimed + " is only claimed by the signer; no timestamp");
        }
    }

    /**
     * Judges a signature time-stamp over {@code timestamped} (the CMS signature value, XAdES's canonical
     * ds:SignatureValue, or JAdES's sigTst input); when it verifies, its time becomes the best signing time.
     */
    static void judge(SignatureContext context, TimestampVerifier timestamps, TimeStampToken token,
                      byte[] timestamped, Instant claimed) {
        TimestampVerifier.Verified verified;
        try {
            verified = timestamps.verify(token, timestamped, context.certificatePool(), context.evidence);
        } catch (VerificationFailure e) {
            if (e.subIndication() == SubIndication.TRY_LATER) {
                // The TSA's revocation status is unknown for now: the token is no proof of time yet, but the
                // signature itself may still be judged at the current time — as EU DSS does (its default policy
                // marks such a time-stamp INDETERMINATE and validates the signature without it).
                context.timestamp = new TimestampInfo(token.getTimeStampInfo().getGenTime().toInstant(), null, null,
                        false, e.reason());
                context.warnings.add("signature timestamp not usable as proof of time: " + e.reason());
                context.signingTime = new SigningTime(context.verificationTime, TimeSource.VERIFICATION_TIME, claimed,
                        false);
                return;
            }
            context.timestamp = new TimestampInfo(token.getTimeStampInfo().getGenTime().toInstant(), null, null,
                    false, e.reason());
            throw new VerificationFailure(SubIndication.TIMESTAMP_INVALID,
                    "signature timestamp: " + e.code() + ": " + e.reason(), e);
        }
        context.timestamp = verified.info();
        context.carriedCertificates.add(verified.tsaCertificate());
        // The token's other certificates (its CA, sometimes the signer's) help build the signer's chain too.
        for (var holder : token.getCertificates().getMatches(null)) {
            var certificate = Certificates.convert(holder);
            if (certificate != null) {
                context.carriedCertificates.add(certificate);
            }
        }
        Instant time = verified.info().time();
        boolean skew = claimed != null && Duration.between(time, claimed).minus(SEVEN_HOURS).abs()
                .compareTo(context.settings.localTimeSkewTolerance()) <= 0;
        if (skew) {
            context.warnings.add("claimed signing time " + claimed + " is 7 h after the timestamp " + time
                    + ": the signer wrote Vietnamese local time as UTC");
        }
        context.signingTime = new SigningTime(time, TimeSource.TIMESTAMP, claimed, skew);
    }

    static Instant claimedTime(SignatureContext context) {
        var signed = context.signer.getSignedAttributes();
        Attribute signingTime = signed == null ? null : signed.get(CMSAttributes.signingTime);
        if (signingTime != null) {
            try {
                var value = signingTime.getAttrValues().getObjectAt(0);
                Date date = value instanceof ASN1UTCTime utc ? utc.getAdjustedDate()
                        : ASN1GeneralizedTime.getInstance(value).getDate();
                return date.toInstant();
            } catch (Exception e) {
                context.warnings.add("unreadable signing-time attribute");
            }
        }
        return context.claimedPdfTime();
    }
}
