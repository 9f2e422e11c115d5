package vn.kyso.verify;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

import vn.kyso.pki.BoundedMemo;

/** Small certificate helpers shared by the checks. */
final class Certificates {

    private Certificates() {
    }

    /** Null when {@code der} is not a certificate. */
    static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Certificates made from BouncyCastle's parsed form, by that form's ASN.1 value (what the conversion reads: it
     * encodes the value and parses the encoding again — a tenth of a verification, for the same few CA, TSA and
     * responder certificates in every document). Equal values give equal certificates, so a remembered one is what
     * the conversion would make; a certificate differing in any byte is another key.
     */
    private static final BoundedMemo<X509CertificateHolder, X509Certificate> CONVERTED = new BoundedMemo<>(128);

    /** Null when {@code holder} does not make a certificate. */
    static X509Certificate convert(X509CertificateHolder holder) {
        return CONVERTED.get(holder, Certificates::convertNow);
    }

    private static X509Certificate convertNow(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (Exception e) {
            return null;
        }
    }

    /** True when {@code issuer} has the subject named as {@code certificate}'s issuer and its key verifies it. */
    static boolean issued(X509Certificate issuer, X509Certificate certificate) {
        if (!issuer.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** True when {@code crl} names {@code issuer} as its issuer and verifies with its key. */
    static boolean issuedCrl(X509Certificate issuer, java.security.cert.X509CRL crl) {
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            crl.verify(issuer.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    static boolean selfSigned(X509Certificate certificate) {
        return issued(certificate, certificate);
    }

    /** Values of one attribute type in the subject, read from the DER so Vietnamese text stays as encoded. */
    static List<String> subjectValues(X509Certificate certificate, ASN1ObjectIdentifier type) {
        X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        List<String> values = new ArrayList<>();
        for (RDN rdn : name.getRDNs(type)) {
            ASN1Encodable value = rdn.getFirst().getValue();
            values.add(value instanceof ASN1String text ? text.getString() : value.toString());
        }
        return values;
    }

    static String first(X509Certificate certificate, ASN1ObjectIdentifier type) {
        List<String> values = subjectValues(certificate, type);
        return values.isEmpty() ? null : values.get(0);
    }

    static SignerInfo describe(X509Certificate certificate) {
        String cn = first(certificate, BCStyle.CN);
        String o = first(certificate, BCStyle.O);
        String keyAlgorithm = certificate.getPublicKey().getAlgorithm();
        return new SignerInfo(cn, o, certificate.getSubjectX500Principal().getName(),
                certificate.getIssuerX500Principal().getName(), certificate.getSerialNumber().toString(16),
                CertificateType.of(cn, o, subjectValues(certificate, BCStyle.UID)),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), keyAlgorithm,
                KeySizes.bits(certificate.getPublicKey()));
    }

    static String name(X509Certificate certificate) {
        String cn = first(certificate, BCStyle.CN);
        return cn != null ? cn : certificate.getSubjectX500Principal().getName();
    }
}
