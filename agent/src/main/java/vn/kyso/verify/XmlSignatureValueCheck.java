package vn.kyso.verify;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.apache.xml.security.algorithms.SignatureAlgorithm;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.utils.SignerOutputStream;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import vn.kyso.xml.XmlNames;

/**
 * The signer's certificate is the one in ds:KeyInfo that issued no other certificate there (for XAdES, the one
 * SigningCertificateV2 names is checked next), and the SignatureValue verifies over the canonical SignedInfo with
 * its key. The references were checked before, so they are not digested again here.
 */
final class XmlSignatureValueCheck implements SignatureCheck {

    @Override
    public void check(SignatureContext context) {
        XmlSignatureState xml = context.xml;
        List<X509Certificate> carried = keyInfoCertificates(xml.element);
        context.carriedCertificates.addAll(carried);
        X509Certificate signer = leaf(carried);
        if (signer == null) {
            throw new VerificationFailure(SubIndication.NO_SIGNING_CERTIFICATE_FOUND,
                    "ds:KeyInfo carries no X.509 certificate");
        }
        context.signerCertificate = signer;
        SignedInfo signedInfo = xml.signature.getSignedInfo();
        boolean valid;
        try {
            SignatureAlgorithm algorithm = signedInfo.getSignatureAlgorithm();
            algorithm.initVerify(signer.getPublicKey());
            try (SignerOutputStream out = new SignerOutputStream(algorithm)) {
                signedInfo.signInOctetStream(out);
            }
            valid = algorithm.verify(xml.signature.getSignatureValue());
        } catch (XMLSecurityException | java.io.IOException e) {
            throw new VerificationFailure(SubIndication.SIG_CRYPTO_FAILURE, e.getMessage(), e);
        }
        if (!valid) {
            throw new VerificationFailure(SubIndication.SIG_CRYPTO_FAILURE,
                    "with the key of " + signer.getSubjectX500Principal().getName());
        }
    }

    static List<X509Certificate> keyInfoCertificates(Element signature) {
        List<X509Certificate> out = new ArrayList<>();
        Element keyInfo = XmlNames.child(signature, XmlNames.DS, "KeyInfo");
        for (Node data = keyInfo == null ? null : keyInfo.getFirstChild(); data != null; data = data.getNextSibling()) {
            if (!(data instanceof Element x509Data) || !"X509Data".equals(x509Data.getLocalName())) {
                continue;
            }
            for (Node node = x509Data.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element && "X509Certificate".equals(element.getLocalName())) {
                    X509Certificate certificate = decode(element.getTextContent());
                    if (certificate != null) {
                        out.add(certificate);
                    }
                }
            }
        }
        return out;
    }

    static X509Certificate decode(String base64) {
        try {
            return Certificates.parse(Base64.getMimeDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The certificate that is no other's issuer: KeyInfo lists a chain in any order. */
    private static X509Certificate leaf(List<X509Certificate> certificates) {
        for (X509Certificate candidate : certificates) {
            boolean issuesAnother = false;
            for (X509Certificate other : certificates) {
                if (other != candidate && other.getIssuerX500Principal().equals(candidate.getSubjectX500Principal())
                        && !other.getSubjectX500Principal().equals(other.getIssuerX500Principal())) {
                    issuesAnother = true;
                }
            }
            if (!issuesAnother) {
                return candidate;
            }
        }
        return certificates.isEmpty() ? null : certificates.get(0);
    }
}
