package vn.kyso.pki;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/** The http(s) URLs a certificate points at: AIA OCSP responders and CRL distribution points. */
final class CertificateUrls {

    private CertificateUrls() {
    }

    static List<URI> ocspResponders(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
        List<URI> urls = new ArrayList<>();
        if (value == null) {
            return urls;
        }
        AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(unwrap(value));
        for (AccessDescription description : aia.getAccessDescriptions()) {
            if (description.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
                addHttpUrl(description.getAccessLocation(), urls);
            }
        }
        return urls;
    }

    static List<URI> crlDistributionPoints(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        List<URI> urls = new ArrayList<>();
        if (value == null) {
            return urls;
        }
        for (DistributionPoint point : CRLDistPoint.getInstance(unwrap(value)).getDistributionPoints()) {
            DistributionPointName name = point.getDistributionPoint();
            // A CRL issued by someone else (cRLIssuer) is an indirect CRL, which these clients do not handle.
            if (name != null && point.getCRLIssuer() == null && name.getType() == DistributionPointName.FULL_NAME) {
                for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                    addHttpUrl(general, urls);
                }
            }
        }
        return urls;
    }

    /** "subject (serial hex)" for messages. */
    static String describe(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName() + " (serial " + certificate.getSerialNumber().toString(16)
                + ")";
    }

    private static void addHttpUrl(GeneralName name, List<URI> urls) {
        if (name.getTagNo() != GeneralName.uniformResourceIdentifier) {
            return;
        }
        String text = DERIA5String.getInstance(name.getName()).getString().trim();
        try {
            URI url = new URI(text);
            if ("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme())) {
                urls.add(url);
            }
        } catch (java.net.URISyntaxException e) {
            // An unparsable URL is skipped like an LDAP one: the caller reports "no usable URL" if none is left.
        }
    }

    private static ASN1Primitive unwrap(byte[] extensionValue) {
        try {
            return ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(extensionValue).getOctets());
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed certificate extension", e);
        }
    }
}
