package vn.kyso.verify;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import vn.kyso.errors.KysoException;
import vn.kyso.json.JadesUnsignedProperties;

/**
 * The JAdES etsiU header's validation data (xVals, rVals): its certificates join the path-building pool and its OCSP
 * responses and CRLs the embedded evidence, as /DSS does for a PDF. A malformed etsiU is a format failure.
 */
final class JadesValidationDataCheck implements SignatureCheck {

    @Override
    public void check(SignatureContext context) {
        try {
            context.jadesUnsigned = JadesUnsignedProperties.read(context.jws.unprotected());
        } catch (KysoException e) {
            throw new VerificationFailure(SubIndication.FORMAT_FAILURE, e.messageEn());
        }
        for (byte[] der : context.jadesUnsigned.certificates()) {
            X509Certificate certificate = Certificates.parse(der);
            if (certificate != null) {
                context.carriedCertificates.add(certificate);
            }
        }
        List<X509CRL> crls = new ArrayList<>();
        for (byte[] der : context.jadesUnsigned.crls()) {
            try {
                crls.add((X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der)));
            } catch (Exception e) {
                context.warnings.add("unreadable CRL in rVals skipped");
            }
        }
        context.evidence = context.evidence.plus(context.jadesUnsigned.ocspResponses(), crls);
    }
}
