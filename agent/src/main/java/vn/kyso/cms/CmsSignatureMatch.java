package vn.kyso.cms;

import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Collection;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import vn.kyso.errors.KysoException;
import vn.kyso.pki.BouncyCastle;
import vn.kyso.token.DigestAlgorithm;

/**
 * The guard before a signature made elsewhere (a web app's server, a remote HSM, a raw value from the token) is
 * written into a document: the CMS has one signer, that signer is the expected certificate (SignerIdentifier and the
 * signing-certificate-v2 attribute), it signs exactly the expected content digest, and its signature value verifies
 * with the certificate's public key. Anything else is SIGNATURE_MISMATCH — a document is never written with a
 * signature that would not verify.
 */
public final class CmsSignatureMatch {

    private CmsSignatureMatch() {
    }

    /**
     * Parses DER (or BER) CMS SignedData; CMS_UNREADABLE when it is not one. Bytes after the object (a CMS taken from
     * a PDF's zero-padded /Contents) are left out, as they always were, not refused.
     */
    public static CMSSignedData parse(byte[] cms) {
        try {
            return new CMSSignedData(EncodedObject.first(cms));
        } catch (Exception e) {
            throw new KysoException(CmsError.CMS_UNREADABLE, String.valueOf(e.getMessage()));
        }
    }

    /**
     * @param digestAlgorithm the algorithm {@code contentDigest} was computed with
     * @param contentDigest   the digest of the detached content the signature must cover
     * @param certificate     the certificate the signature must be made with
     */
    public static void require(CMSSignedData cms, DigestAlgorithm digestAlgorithm, byte[] contentDigest,
                               X509Certificate certificate) {
        Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw mismatch("expected one signer, found " + signers.size());
        }
        SignerInformation signer = signers.iterator().next();
        JcaX509CertificateHolder holder;
        try {
            holder = new JcaX509CertificateHolder(certificate);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        if (!signer.getSID().match(holder)) {
            throw mismatch("the CMS is signed by another certificate than " + certificate.getSubjectX500Principal());
        }
        AlgorithmIdentifier expectedDigest = new DefaultDigestAlgorithmIdentifierFinder()
                .find(digestAlgorithm.jcaName());
        if (!signer.getDigestAlgorithmID().getAlgorithm().equals(expectedDigest.getAlgorithm())) {
            throw mismatch("the CMS digest algorithm is " + signer.getDigestAlgorithmID().getAlgorithm()
                    + ", the prepared digest is " + digestAlgorithm.jcaName());
        }
        AttributeTable signed = signer.getSignedAttributes();
        Attribute messageDigest = signed == null ? null : signed.get(CMSAttributes.messageDigest);
        if (messageDigest == null) {
            throw mismatch("the CMS has no messageDigest signed attribute");
        }
        byte[] claimed = ASN1OctetString.getInstance(messageDigest.getAttrValues().getObjectAt(0)).getOctets();
        if (!MessageDigest.isEqual(claimed, contentDigest)) {
            throw mismatch("the CMS signs another content digest than the prepared one");
        }
        requireSigningCertificateV2(signed, certificate);
        boolean verifies;
        try {
            SignerInformationVerifier verifier = new SignerInformationVerifier(
                    new DefaultCMSSignatureAlgorithmNameGenerator(), new DefaultSignatureAlgorithmIdentifierFinder(),
                    new JcaContentVerifierProviderBuilder().setProvider(BouncyCastle.provider())
                            .build(certificate.getPublicKey()),
                    new PrecomputedDigestProvider(expectedDigest, contentDigest));
            verifies = signer.verify(verifier);
        } catch (Exception e) {
            throw mismatch("the signature value does not verify: " + e.getMessage());
        }
        if (!verifies) {
            throw mismatch("the signature value does not verify with the signer's public key");
        }
    }

    /** PAdES and CAdES baselines bind the certificate through signing-certificate-v2; a CMS without it is refused. */
    private static void requireSigningCertificateV2(AttributeTable signed, X509Certificate certificate) {
        Attribute attribute = signed.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        if (attribute == null) {
            throw mismatch("the CMS has no signing-certificate-v2 attribute binding the signer's certificate");
        }
        ESSCertIDv2 id = SigningCertificateV2.getInstance(attribute.getAttrValues().getObjectAt(0)).getCerts()[0];
        try {
            DigestCalculator calculator = new JcaDigestCalculatorProviderBuilder().build().get(id.getHashAlgorithm());
            calculator.getOutputStream().write(certificate.getEncoded());
            calculator.getOutputStream().close();
            if (!MessageDigest.isEqual(calculator.getDigest(), id.getCertHash())) {
                throw mismatch("signing-certificate-v2 names another certificate");
            }
        } catch (KysoException e) {
            throw e;
        } catch (Exception e) {
            throw mismatch("unreadable signing-certificate-v2: " + e.getMessage());
        }
    }

    private static KysoException mismatch(String why) {
        return new KysoException(CmsError.SIGNATURE_MISMATCH, why);
    }
}
