package vn.kyso.xml;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;

import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.ObjectContainer;
import org.apache.xml.security.signature.XMLSignature;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.w3c.dom.Element;

import vn.kyso.token.DigestAlgorithm;

/**
 * The signed XAdES qualifying properties of a baseline B-B signature (ETSI EN 319 132-1 §6.3): SigningTime,
 * SigningCertificateV2 (digest of the signer's certificate and its IssuerSerialV2) and a DataObjectFormat for the
 * data reference, in a ds:Object of their own.
 */
final class XadesProperties {

    private XadesProperties() {
    }

    /** Appends the QualifyingProperties object to {@code signature}; returns its SignedProperties (with an Id). */
    static Element build(XMLSignature signature, XmlIds ids, String signatureId, X509Certificate signer,
                         Instant signingTime, String dataReferenceId, String mimeType) throws XMLSecurityException {
        ObjectContainer object = new ObjectContainer(signature.getDocument());
        signature.appendObject(object);
        Element qualifying = XmlNames.append(object.getElement(), XmlNames.XADES, "xades:QualifyingProperties");
        XmlNames.declare(qualifying, "xades", XmlNames.XADES);
        qualifying.setAttributeNS(null, "Target", "#" + signatureId);
        Element signed = XmlNames.xades(qualifying, "SignedProperties");
        ids.fresh("xades-" + signatureId, signed);

        Element signatureProperties = XmlNames.xades(signed, "SignedSignatureProperties");
        XmlNames.text(XmlNames.xades(signatureProperties, "SigningTime"), signingTime.toString());
        Element cert = XmlNames.xades(XmlNames.xades(signatureProperties, "SigningCertificateV2"), "Cert");
        Element certDigest = XmlNames.xades(cert, "CertDigest");
        XmlNames.ds(certDigest, "DigestMethod").setAttributeNS(null, "Algorithm",
                XmlAlgorithms.digestUri(DigestAlgorithm.SHA256));
        XmlNames.text(XmlNames.ds(certDigest, "DigestValue"), base64(XmlAlgorithms.digest(DigestAlgorithm.SHA256,
                encoded(signer))));
        XmlNames.text(XmlNames.xades(cert, "IssuerSerialV2"), base64(issuerSerial(signer)));

        Element dataObjects = XmlNames.xades(signed, "SignedDataObjectProperties");
        Element format = XmlNames.xades(dataObjects, "DataObjectFormat");
        format.setAttributeNS(null, "ObjectReference", "#" + dataReferenceId);
        XmlNames.text(XmlNames.xades(format, "MimeType"), mimeType);
        return signed;
    }

    /** RFC 5035 IssuerSerial, the issuer name copied as its DER bytes (never rebuilt from a string). */
    static byte[] issuerSerial(X509Certificate certificate) {
        try {
            X500Name issuer = X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded());
            return new IssuerSerial(new GeneralNames(new GeneralName(issuer)),
                    new ASN1Integer(certificate.getSerialNumber())).getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
