package vn.kyso.cms;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultCMSSignatureEncryptionAlgorithmFinder;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.CollectionStore;

import vn.kyso.pki.CertificateHolders;
import vn.kyso.sign.SignerPort;
import vn.kyso.token.SignatureAlgorithm;

/**
 * Detached CMS SignedData (RFC 5652) over a content digest, CAdES-BES style: signed attributes content-type,
 * message-digest, signing-certificate-v2 and — only when asked — signing-time. PAdES callers leave signing-time
 * out, because ETSI EN 319 142-1 baseline puts the claimed time in the signature dictionary's /M instead.
 */
public final class CmsSignatureBuilder {

    private static final AlgorithmIdentifier SHA256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);

    private final SignerPort signer;
    private final SignatureAlgorithm algorithm;

    public CmsSignatureBuilder(SignerPort signer, SignatureAlgorithm algorithm) {
        if (!signer.algorithms().contains(algorithm)) {
            throw new IllegalArgumentException(algorithm + " is not offered by this key: " + signer.algorithms());
        }
        this.signer = signer;
        this.algorithm = algorithm;
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * Signs. The token is asked exactly once.
     *
     * @param contentDigest digest of the detached content, computed with {@code algorithm().digest()}
     * @param signingTime   the CMS signing-time attribute, or null to leave it out (PAdES)
     */
    public CMSSignedData build(byte[] contentDigest, Instant signingTime) {
        if (contentDigest.length != algorithm.digest().length()) {
            throw new IllegalArgumentException("content digest must be " + algorithm.digest().length() + " bytes");
        }
        try {
            AlgorithmIdentifier digestAlgorithm =
                    new DefaultDigestAlgorithmIdentifierFinder().find(algorithm.digest().jcaName());
            X509Certificate certificate = signer.certificate();
            X509CertificateHolder holder = parsed(certificate);
            SignerInfoGenerator signerInfo = new SignerInfoGeneratorBuilder(
                    new PrecomputedDigestProvider(digestAlgorithm, contentDigest),
                    // BouncyCastle 1.83 keeps the full identifier: shaNNNWithRSAEncryption for PKCS#1 v1.5 (RFC 5754
                    // §3.2), id-RSASSA-PSS with its parameters, ecdsa-with-SHAnnn.
                    new DefaultCMSSignatureEncryptionAlgorithmFinder())
                    .setSignedAttributeGenerator(signedAttributes(certificate, holder, signingTime))
                    .build(new SignerPortContentSigner(signer, algorithm), holder);
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(signerInfo);
            List<X509CertificateHolder> chain = new ArrayList<>();
            for (X509Certificate member : signer.chain()) {
                chain.add(parsed(member));
            }
            generator.addCertificates(new CollectionStore<>(chain));
            return generator.generate(new CMSAbsentContent(), false);
        } catch (OperatorCreationException | CertificateEncodingException | CMSException e) {
            throw new IllegalStateException("CMS generation failed: " + e.getMessage(), e);
        }
    }

    /** The certificates' parsed forms are shared by every signature of the agent ({@link CertificateHolders}). */
    private static X509CertificateHolder parsed(X509Certificate certificate) throws CertificateEncodingException {
        X509CertificateHolder holder = CertificateHolders.of(certificate);
        if (holder == null) {
            throw new CertificateEncodingException("the certificate's encoding cannot be read back: "
                    + certificate.getSubjectX500Principal());
        }
        return holder;
    }

    private static CMSAttributeTableGenerator signedAttributes(X509Certificate certificate,
            X509CertificateHolder holder, Instant signingTime) throws CertificateEncodingException {
        Attribute signingCertificate = signingCertificateV2(certificate.getEncoded(), holder.toASN1Structure());
        return (Map parameters) -> {
            ASN1EncodableVector attributes = new ASN1EncodableVector();
            attributes.add(new Attribute(CMSAttributes.contentType,
                    new DERSet((ASN1ObjectIdentifier) parameters.get(CMSAttributeTableGenerator.CONTENT_TYPE))));
            attributes.add(new Attribute(CMSAttributes.messageDigest,
                    new DERSet(new DEROctetString((byte[]) parameters.get(CMSAttributeTableGenerator.DIGEST)))));
            attributes.add(signingCertificate);
            if (signingTime != null) {
                attributes.add(new Attribute(CMSAttributes.signingTime,
                        new DERSet(new Time(Date.from(signingTime)))));
            }
            return new AttributeTable(attributes);
        };
    }

    /**
     * signing-certificate-v2 (RFC 5035) with an ESSCertIDv2 over SHA-256 of the certificate. The IssuerSerial's
     * issuer is the certificate's own issuer Name taken from its DER, never rebuilt from a string, so a verifier
     * comparing it byte for byte with the certificate finds it equal whatever string types the CA used.
     */
    private static Attribute signingCertificateV2(byte[] encoded, Certificate parsed) {
        IssuerSerial issuerSerial = new IssuerSerial(new GeneralNames(new GeneralName(parsed.getIssuer())),
                parsed.getSerialNumber().getValue());
        ESSCertIDv2 id = new ESSCertIDv2(SHA256, sha256(encoded), issuerSerial);
        return new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {id})));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The DER encoding, as it goes into /Contents. */
    public static byte[] encode(CMSSignedData signedData) {
        try {
            return signedData.getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
