package vn.kyso.verify;

import vn.kyso.errors.KysoException;
import vn.kyso.json.JadesUnsignedProperties;

/**
 * The JAdES etsiU header's validation data ({@link JadesEvidence}): its certificates join the path-building pool and
 * its OCSP responses and CRLs the embedded evidence the revocation check reads first, as {@link CmsParseCheck} does
 * with a CMS's. A malformed etsiU is a format failure.
 */
final class JadesValidationDataCheck implements SignatureCheck {

    @Override
    public void check(SignatureContext context) {
        try {
            context.jadesUnsigned = JadesUnsignedProperties.read(context.jws.unprotected());
        } catch (KysoException e) {
            throw new VerificationFailure(SubIndication.FORMAT_FAILURE, e.messageEn());
        }
        EmbeddedEvidence carried = JadesEvidence.of(context.jadesUnsigned);
        context.carriedCertificates.addAll(carried.certificates());
        context.evidence = context.evidence.plus(carried);
    }
}
