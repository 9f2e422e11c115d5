package vn.kyso.verify;

import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.SignedInfo;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import vn.kyso.token.DigestAlgorithm;
import vn.kyso.xml.XmlAlgorithms;
import vn.kyso.xml.XmlNames;

/**
 * XAdES: the SignedProperties are covered by a SignedInfo reference of their type, and SigningCertificateV2 (or V1)
 * names the certificate whose key made the signature — otherwise the certificate could be swapped for another with
 * the same key. The claimed signing time is read here: XAdES SigningTime, or for plain XMLDSig the e-invoice's signed
 * SignatureProperty/SigningTime (Vietnamese wall-clock time when it has no offset).
 */
final class XadesPropertiesCheck implements SignatureCheck {

    private static final String XADES = XmlNames.XADES;
    private static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);

    @Override
    public void check(SignatureContext context) {
        XmlSignatureState xml = context.xml;
        if (!xml.xades) {
            return;
        }
        Element signed = XmlNames.child(xml.qualifyingProperties, XADES, "SignedProperties");
        if (signed == null || !referenced(xml, signed.getAttribute("Id"))) {
            throw new VerificationFailure(SubIndication.FORMAT_FAILURE,
                    "the XAdES SignedProperties are not covered by the signature");
        }
        Element properties = XmlNames.child(signed, XADES, "SignedSignatureProperties");
        Element signingCertificate = XmlNames.child(properties, XADES, "SigningCertificateV2");
        if (signingCertificate == null) {
            signingCertificate = XmlNames.child(properties, XADES, "SigningCertificate");
        }
        if (signingCertificate == null || !names(signingCertificate, context)) {
            throw new VerificationFailure(SubIndication.NO_SIGNING_CERTIFICATE_FOUND,
                    "SigningCertificateV2 does not name the certificate whose key made the signature");
        }
    }

    /** The claimed signing time, or null. */
    static Instant claimedTime(XmlSignatureState xml) {
        if (xml.xades) {
            Element signed = XmlNames.child(xml.qualifyingProperties, XADES, "SignedProperties");
            Element time = XmlNames.child(XmlNames.child(signed, XADES, "SignedSignatureProperties"), XADES,
                    "SigningTime");
            return time == null ? null : parse(time.getTextContent());
        }
        for (Node node = xml.element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element object && "Object".equals(object.getLocalName())
                    && referenced(xml, object.getAttribute("Id"))) {
                Element property = XmlNames.child(XmlNames.child(object, XmlNames.DS, "SignatureProperties"),
                        XmlNames.DS, "SignatureProperty");
                for (Node child = property == null ? null : property.getFirstChild(); child != null;
                     child = child.getNextSibling()) {
                    if (child instanceof Element time && "SigningTime".equals(time.getLocalName())) {
                        return parse(time.getTextContent());
                    }
                }
            }
        }
        return null;
    }

    private static Instant parse(String text) {
        String value = text.strip();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(value).toInstant(VIETNAM);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    private static boolean referenced(XmlSignatureState xml, String id) {
        if (id == null || id.isEmpty()) {
            return false;
        }
        SignedInfo signedInfo = xml.signature.getSignedInfo();
        try {
            for (int i = 0; i < signedInfo.getLength(); i++) {
                Reference reference = signedInfo.item(i);
                if (("#" + id).equals(reference.getURI())) {
                    return true;
                }
            }
        } catch (XMLSecurityException e) {
            return false;
        }
        return false;
    }

    /** One xades:Cert/CertDigest matches the signer's certificate. */
    private static boolean names(Element signingCertificate, SignatureContext context) {
        byte[] encoded;
        try {
            encoded = context.signerCertificate.getEncoded();
        } catch (CertificateEncodingException e) {
            return false;
        }
        for (Node node = signingCertificate.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (!(node instanceof Element cert) || !"Cert".equals(cert.getLocalName())) {
                continue;
            }
            Element digest = XmlNames.child(cert, XADES, "CertDigest");
            Element method = XmlNames.child(digest, XmlNames.DS, "DigestMethod");
            Element value = XmlNames.child(digest, XmlNames.DS, "DigestValue");
            DigestAlgorithm algorithm = method == null ? null
                    : XmlAlgorithms.fromDigestUri(method.getAttribute("Algorithm"));
            if (algorithm != null && value != null && MessageDigest.isEqual(
                    XmlAlgorithms.digest(algorithm, encoded),
                    Base64.getMimeDecoder().decode(value.getTextContent().strip()))) {
                return true;
            }
        }
        return false;
    }
}
