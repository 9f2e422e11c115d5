package vn.kyso.verify;

import java.util.Collection;

import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/**
 * /Contents is one CMS SignedData with one signer whose certificate it carries. Only the encoded object is parsed
 * ({@link PdfSignature#cms()}), so the zero padding after it is neither read nor rejected. For a detached CMS the
 * verifier has already chosen the SignerInfo (a CMS may have several); then only the signer's certificate and
 * algorithms are established here.
 */
final class CmsParseCheck implements SignatureCheck {

    @Override
    public void check(SignatureContext context) {
        if (context.signer == null) {
            parsePdfContents(context);
        }
        describeSigner(context);
    }

    private static void parsePdfContents(SignatureContext context) {
        ContentInfo contentInfo;
        byte[] contents = context.signature.contents();
        if (contents.length == 0 || contents[0] == 0) {
            throw new VerificationFailure(SubIndication.FORMAT_FAILURE, "/Contents is empty");
        }
        try {
            CMSSignedData cms = new CMSSignedData(context.signature.cms());
            contentInfo = cms.toASN1Structure();
            if (cms.getSignedContent() == null) {
                context.detached = true;
                cms = new CMSSignedData(new CMSProcessableByteArray(context.signedBytes), contentInfo);
            }
            context.cms = cms;
        } catch (VerificationFailure e) {
            throw e;
        } catch (Exception e) {
            throw new VerificationFailure(SubIndication.FORMAT_FAILURE, "/Contents is not a CMS SignedData: " + e, e);
        }
        Collection<SignerInformation> signers = context.cms.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw new VerificationFailure(SubIndication.FORMAT_FAILURE,
                    "a PDF signature has exactly one signer, this one has " + signers.size());
        }
        context.signer = signers.iterator().next();
    }

    private static void describeSigner(SignatureContext context) {
        SignerInformation signer = context.signer;
        for (X509CertificateHolder holder : context.cms.getCertificates().getMatches(null)) {
            var certificate = Certificates.convert(holder);
            if (certificate != null) {
                context.carriedCertificates.add(certificate);
            }
        }
        DefaultAlgorithmNameFinder names = new DefaultAlgorithmNameFinder();
        context.digestAlgorithm = names.getAlgorithmName(signer.getDigestAlgorithmID());
        context.signatureAlgorithm = names.getAlgorithmName(
                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                        new org.bouncycastle.asn1.ASN1ObjectIdentifier(signer.getEncryptionAlgOID())));
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = context.cms.getCertificates().getMatches(signer.getSID());
        if (matches.isEmpty()) {
            throw new VerificationFailure(SubIndication.NO_SIGNING_CERTIFICATE_FOUND,
                    "the CMS does not carry the certificate its SignerIdentifier names");
        }
        context.signerCertificate = Certificates.convert(matches.iterator().next());
        if (context.signerCertificate == null) {
            throw new VerificationFailure(SubIndication.NO_SIGNING_CERTIFICATE_FOUND, "unreadable signer certificate");
        }
        // Every later rule (chains, time-stamps, revocation) may use what the CMS itself carries.
        context.evidence = context.evidence.plus(CmsEvidence.of(context.cms, signer));
    }
}
