package vn.kyso.verify;

import org.w3c.dom.Element;

/**
 * Each XAdES ArchiveTimeStamp (B-LTA) time-stamps, in the order of EN 319 132-1 §5.5.2.2, the signed data, the
 * SignedInfo, SignatureValue, KeyInfo, the unsigned properties before it and the other ds:Objects; its imprint must
 * match that input and its TSA must be valid at its time.
 */
final class XadesArchiveTimestampCheck implements SignatureCheck {

    private final TimestampVerifier timestamps;

    XadesArchiveTimestampCheck(TimestampVerifier timestamps) {
        this.timestamps = timestamps;
    }

    @Override
    public void check(SignatureContext context) {
        XmlSignatureState xml = context.xml;
        Element unsigned = XadesTimestampCheck.unsignedSignatureProperties(xml);
        for (Element archive : XadesTimestampCheck.archiveTimeStamps(unsigned)) {
            byte[] input = XadesTimestampCheck.archiveInput(xml, unsigned, archive);
            try {
                timestamps.verify(XadesTimestampCheck.token(archive), input, context.certificatePool(),
                        context.evidence);
            } catch (VerificationFailure e) {
                if (e.subIndication() == SubIndication.TRY_LATER) {
                    throw e;
                }
                throw new VerificationFailure(SubIndication.TIMESTAMP_INVALID,
                        "archive timestamp: " + e.code() + ": " + e.reason(), e);
            }
            xml.archiveTimestampValid = true;
        }
    }
}
