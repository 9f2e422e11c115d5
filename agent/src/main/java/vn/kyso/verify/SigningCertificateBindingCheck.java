package vn.kyso.verify;

import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.ESSCertID;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificate;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.IssuerSerial;

/**
 * The ESS signing-certificate-v2 (or v1) signed attribute names the certificate the CMS carries, so a signature
 * cannot be re-attributed to another certificate with the same key. PAdES (ETSI.CAdES.detached) requires it; the
 * legacy adbe.pkcs7.detached does not, which is reported as a warning.
 */
final class SigningCertificateBindingCheck implements SignatureCheck {

    @Override
    public void check(SignatureContext context) {
        AttributeTable signed = context.signer.getSignedAttributes();
        Attribute v2 = signed == null ? null : signed.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        Attribute v1 = signed == null ? null : signed.get(PKCSObjectIdentifiers.id_aa_signingCertificate);
        X509Certificate certificate = context.signerCertificate;
        byte[] encoded;
        try {
            encoded = certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new VerificationFailure(SubIndication.NO_SIGNING_CERTIFICATE_FOUND, e.getMessage(), e);
        }
        if (v2 != null) {
            ESSCertIDv2 id = SigningCertificateV2.getInstance(v2.getAttrValues().getObjectAt(0)).getCerts()[0];
            AlgorithmIdentifier algorithm = id.getHashAlgorithm();
            requireMatch(Digests.digest(algorithm, encoded), id.getCertHash(), id.getIssuerSerial(), certificate);
        } else if (v1 != null) {
            ESSCertID id = SigningCertificate.getInstance(v1.getAttrValues().getObjectAt(0)).getCerts()[0];
            requireMatch(Digests.digest(new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1), encoded),
                    id.getCertHash(), id.getIssuerSerial(), certificate);
        } else if ("ETSI.CAdES.detached".equals(context.subFilter())) {
            throw new VerificationFailure(SubIndication.FORMAT_FAILURE,
                    "a PAdES signature must carry the signing-certificate-v2 signed attribute");
        } else {
            context.warnings.add("no ESS signing-certificate attribute binds the signer certificate");
        }
    }

    private static void requireMatch(byte[] actualHash, byte[] claimedHash, IssuerSerial issuerSerial,
                                     X509Certificate certificate) {
        if (!Digests.equal(actualHash, claimedHash)) {
            throw new VerificationFailure(SubIndication.NO_SIGNING_CERTIFICATE_FOUND,
                    "the signing-certificate attribute names another certificate");
        }
        if (issuerSerial != null) {
            BigInteger serial = issuerSerial.getSerial().getValue();
            boolean issuerMatches = false;
            for (GeneralName name : issuerSerial.getIssuer().getNames()) {
                if (name.getTagNo() == GeneralName.directoryName && java.util.Arrays.equals(
                        safeEncoded(name), certificate.getIssuerX500Principal().getEncoded())) {
                    issuerMatches = true;
                }
            }
            if (!serial.equals(certificate.getSerialNumber()) || !issuerMatches) {
                throw new VerificationFailure(SubIndication.NO_SIGNING_CERTIFICATE_FOUND,
                        "the signing-certificate attribute's issuer and serial do not match the certificate");
            }
        }
    }

    private static byte[] safeEncoded(GeneralName name) {
        try {
            return name.getName().toASN1Primitive().getEncoded("DER");
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }
}
