package vn.kyso.testpki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Builds one X.509 certificate of the test PKI. Kept apart from TestPki so the profile rules are in one place. */
final class CertificateMaker {

    private final SecureRandom random;
    private final PkiUrls urls;

    CertificateMaker(SecureRandom random, PkiUrls urls) {
        this.random = random;
        this.urls = urls;
    }

    /** Everything that varies between the certificates of the test PKI. */
    record Profile(X500Name subject, PublicKey publicKey, Instant notBefore, Instant notAfter,
                   int keyUsage, List<KeyPurposeId> extendedKeyUsage, boolean ekuCritical,
                   Integer caPathLength, List<ASN1ObjectIdentifier> policies, String email,
                   boolean ocspNoCheck, boolean revocationPointers) {
    }

    X509Certificate make(Profile profile, X509Certificate issuerCert, X500Name issuerName, PrivateKey issuerKey,
                         String issuerAlias, PublicKey issuerPublicKey) throws GeneralSecurityException {
        try {
            BigInteger serial = new BigInteger(127, random).setBit(120);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuerName, serial, Date.from(profile.notBefore()), Date.from(profile.notAfter()),
                    profile.subject(), profile.publicKey());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(profile.publicKey()));
            if (issuerCert != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        utils.createAuthorityKeyIdentifier(issuerCert));
            } else {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        utils.createAuthorityKeyIdentifier(issuerPublicKey));
            }
            if (profile.caPathLength() != null) {
                builder.addExtension(Extension.basicConstraints, true,
                        profile.caPathLength() < 0 ? new BasicConstraints(true)
                                : new BasicConstraints(profile.caPathLength()));
            } else {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            }
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(profile.keyUsage()));
            if (!profile.extendedKeyUsage().isEmpty()) {
                builder.addExtension(Extension.extendedKeyUsage, profile.ekuCritical(),
                        new ExtendedKeyUsage(profile.extendedKeyUsage().toArray(KeyPurposeId[]::new)));
            }
            if (!profile.policies().isEmpty()) {
                List<PolicyInformation> infos = new ArrayList<>();
                for (ASN1ObjectIdentifier oid : profile.policies()) {
                    infos.add(new PolicyInformation(oid));
                }
                builder.addExtension(Extension.certificatePolicies, false,
                        new CertificatePolicies(infos.toArray(PolicyInformation[]::new)));
            }
            if (profile.email() != null) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.rfc822Name, profile.email())));
            }
            if (profile.ocspNoCheck()) {
                builder.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
            }
            if (profile.revocationPointers()) {
                List<AccessDescription> access = new ArrayList<>();
                if (!profile.ocspNoCheck()) {
                    access.add(new AccessDescription(AccessDescription.id_ad_ocsp,
                            new GeneralName(GeneralName.uniformResourceIdentifier, urls.ocsp())));
                }
                access.add(new AccessDescription(AccessDescription.id_ad_caIssuers,
                        new GeneralName(GeneralName.uniformResourceIdentifier, urls.caIssuers(issuerAlias))));
                builder.addExtension(Extension.authorityInfoAccess, false,
                        new AuthorityInformationAccess(access.toArray(AccessDescription[]::new)));
                if (!profile.ocspNoCheck()) {
                    DistributionPoint point = new DistributionPoint(new DistributionPointName(
                            new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier,
                                    urls.crl(issuerAlias)))), null, null);
                    builder.addExtension(Extension.cRLDistributionPoints, false,
                            new CRLDistPoint(new DistributionPoint[] {point}));
                }
            }
            String algorithm = "RSA".equals(issuerKey.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (OperatorCreationException | java.io.IOException e) {
            throw new GeneralSecurityException("cannot build certificate for " + profile.subject(), e);
        }
    }
}
