package vn.kyso.xml;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.signature.XMLSignatureInput;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import vn.kyso.errors.KysoException;
import vn.kyso.pki.RevocationCollector;
import vn.kyso.pki.TimeStamp;
import vn.kyso.pki.TimeStampClient;
import vn.kyso.pki.ValidationData;
import vn.kyso.token.DigestAlgorithm;

/**
 * The unsigned XAdES properties that raise a signed B-B signature to B-T, B-LT and B-LTA (ETSI EN 319 132-1 §5.3,
 * §5.4, §5.5): SignatureTimeStamp over the canonical ds:SignatureValue; CertificateValues and RevocationValues for
 * the signer's and the TSA's chains, fetched after the time-stamp; ArchiveTimeStamp (XAdES 1.4.1) over references,
 * SignedInfo, SignatureValue, KeyInfo, the unsigned properties before it and the other ds:Objects, followed by the
 * TimeStampValidationData of its own TSA. Canonicalization is exclusive C14N, done by Santuario.
 */
public final class XadesEvidence {

    public static final String TIME_STAMP_C14N = Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS;

    private final TimeStampClient timeStamps;
    private final RevocationCollector revocation;
    private final List<X509Certificate> knownCertificates;

    XadesEvidence(TimeStampClient timeStamps, RevocationCollector revocation, List<X509Certificate> knownCertificates) {
        this.timeStamps = timeStamps;
        this.revocation = revocation;
        this.knownCertificates = knownCertificates;
    }

    /** Adds what {@code level} needs beyond B-B; returns the signature time-stamp. */
    TimeStamp extend(XMLSignature signature, XmlIds ids, String signatureId, XadesLevel level,
                     List<X509Certificate> chain) throws XMLSecurityException {
        Element element = signature.getElement();
        Element unsigned = unsignedSignatureProperties(element);
        Element signatureValue = XmlNames.child(element, XmlNames.DS, "SignatureValue");
        TimeStamp stamp = stamp(XmlNames.canonicalize(signatureValue, TIME_STAMP_C14N), level);
        Element timeStamp = XmlNames.xades(unsigned, "SignatureTimeStamp");
        ids.fresh("ts-" + signatureId, timeStamp);
        encapsulate(timeStamp, XmlNames.XADES, "xades", stamp);
        if (level == XadesLevel.B_T) {
            return stamp;
        }
        Set<X509Certificate> targets = new LinkedHashSet<>();
        targets.add(chain.get(0));
        targets.add(stamp.tsaCertificate());
        ValidationData data = collect(targets, chain, stamp);
        List<byte[]> present = keyInfoCertificates(element);
        addValues(unsigned, XmlNames.XADES, "xades", data, present);
        if (level == XadesLevel.B_LT) {
            return stamp;
        }
        TimeStamp archive = stamp(archiveInput(signature, unsigned), level);
        Element archiveStamp = XmlNames.append(unsigned, XmlNames.XADES141, "xades141:ArchiveTimeStamp");
        XmlNames.declare(archiveStamp, "xades141", XmlNames.XADES141);
        ids.fresh("ats-" + signatureId, archiveStamp);
        encapsulate(archiveStamp, XmlNames.XADES, "xades", archive);
        // Evidence for the archive time-stamp's own TSA, dated after it: what a verifier needs to extend it later.
        ValidationData archiveData = collect(Set.of(archive.tsaCertificate()), chain, archive);
        List<byte[]> already = new ArrayList<>(present);
        already.addAll(data.certificates());
        ValidationData fresh = new ValidationData(missing(archiveData.certificates(), already),
                missing(archiveData.ocspResponses(), data.ocspResponses()),
                missing(archiveData.crls(), data.crls()));
        if (!fresh.certificates().isEmpty() || !fresh.ocspResponses().isEmpty() || !fresh.crls().isEmpty()) {
            Element validationData = XmlNames.append(unsigned, XmlNames.XADES141,
                    "xades141:TimeStampValidationData");
            XmlNames.declare(validationData, "xades141", XmlNames.XADES141);
            XmlNames.declare(validationData, "xades", XmlNames.XADES);
            validationData.setAttributeNS(null, "URI", "#" + archiveStamp.getAttribute("Id"));
            addValues(validationData, XmlNames.XADES, "xades", fresh, List.of());
        }
        return stamp;
    }

    private TimeStamp stamp(byte[] input, XadesLevel level) {
        try {
            return timeStamps.timestamp(DigestAlgorithm.SHA256, XmlAlgorithms.digest(DigestAlgorithm.SHA256, input));
        } catch (KysoException tsaProblem) {
            // Nothing is returned: a request for B-T or above never silently yields less.
            throw new KysoException(XmlError.XML_TIMESTAMP_UNAVAILABLE, Map.of(), tsaProblem, level,
                    tsaProblem.messageEn());
        }
    }

    private ValidationData collect(Set<X509Certificate> targets, List<X509Certificate> chain, TimeStamp stamp) {
        Set<X509Certificate> pool = new LinkedHashSet<>(chain);
        pool.addAll(knownCertificates);
        pool.addAll(tokenCertificates(stamp));
        return revocation.collect(targets, pool, stamp.time());
    }

    private static void encapsulate(Element timeStamp, String namespace, String prefix, TimeStamp stamp) {
        XmlNames.ds(timeStamp, "CanonicalizationMethod").setAttributeNS(null, "Algorithm", TIME_STAMP_C14N);
        XmlNames.text(XmlNames.append(timeStamp, namespace, prefix + ":EncapsulatedTimeStamp"),
                XadesProperties.base64(stamp.encoded()));
    }

    /** CertificateValues (certificates not already in ds:KeyInfo) and RevocationValues (CRLs, then OCSP). */
    private static void addValues(Element parent, String namespace, String prefix, ValidationData data,
                                  List<byte[]> present) {
        List<byte[]> certificates = missing(data.certificates(), present);
        if (!certificates.isEmpty()) {
            Element values = XmlNames.append(parent, namespace, prefix + ":CertificateValues");
            for (byte[] certificate : certificates) {
                XmlNames.text(XmlNames.append(values, namespace, prefix + ":EncapsulatedX509Certificate"),
                        XadesProperties.base64(certificate));
            }
        }
        if (data.crls().isEmpty() && data.ocspResponses().isEmpty()) {
            return;
        }
        Element values = XmlNames.append(parent, namespace, prefix + ":RevocationValues");
        if (!data.crls().isEmpty()) {
            Element crls = XmlNames.append(values, namespace, prefix + ":CRLValues");
            for (byte[] crl : data.crls()) {
                XmlNames.text(XmlNames.append(crls, namespace, prefix + ":EncapsulatedCRLValue"),
                        XadesProperties.base64(crl));
            }
        }
        if (!data.ocspResponses().isEmpty()) {
            Element ocsps = XmlNames.append(values, namespace, prefix + ":OCSPValues");
            for (byte[] ocsp : data.ocspResponses()) {
                XmlNames.text(XmlNames.append(ocsps, namespace, prefix + ":EncapsulatedOCSPValue"),
                        XadesProperties.base64(ocsp));
            }
        }
    }

    /**
     * The ArchiveTimeStamp's input (EN 319 132-1 §5.5.2.2): every Reference's processed content in SignedInfo order,
     * then the canonical SignedInfo, SignatureValue and KeyInfo, then each unsigned signature property already
     * present, then every ds:Object except the one holding the QualifyingProperties.
     */
    static byte[] archiveInput(XMLSignature signature, Element unsignedBefore) throws XMLSecurityException {
        return archiveInput(signature, unsignedBefore, null, TIME_STAMP_C14N);
    }

    /**
     * @param stop  the ArchiveTimeStamp being checked (properties from it on are left out); null: all of them
     * @param c14n  the time-stamp's canonicalization method
     */
    public static byte[] archiveInput(XMLSignature signature, Element unsigned, Element stop, String c14n)
            throws XMLSecurityException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SignedInfo signedInfo = signature.getSignedInfo();
        try {
            for (int i = 0; i < signedInfo.getLength(); i++) {
                Reference reference = signedInfo.item(i);
                XMLSignatureInput content = reference.getContentsAfterTransformation();
                if (content.isNodeSet() || content.isElement()) {
                    out.write(nodeOctets(content, c14n));
                } else {
                    out.write(content.getBytes());
                }
            }
            Element element = signature.getElement();
            out.write(XmlNames.canonicalize(XmlNames.child(element, XmlNames.DS, "SignedInfo"), c14n));
            out.write(XmlNames.canonicalize(XmlNames.child(element, XmlNames.DS, "SignatureValue"),
                    c14n));
            Element keyInfo = XmlNames.child(element, XmlNames.DS, "KeyInfo");
            if (keyInfo != null) {
                out.write(XmlNames.canonicalize(keyInfo, c14n));
            }
            for (Node node = unsigned.getFirstChild(); node != null && node != stop; node = node.getNextSibling()) {
                if (node instanceof Element property) {
                    out.write(XmlNames.canonicalize(property, c14n));
                }
            }
            for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element object && "Object".equals(object.getLocalName())
                        && XmlNames.DS.equals(object.getNamespaceURI())
                        && XmlNames.child(object, XmlNames.XADES, "QualifyingProperties") == null) {
                    out.write(XmlNames.canonicalize(object, c14n));
                }
            }
        } catch (IOException e) {
            throw new KysoException(XmlError.XML_SIGNING_FAILED, Map.of(), e, e.getMessage());
        }
        return out.toByteArray();
    }

    /** A reference that ends in a node-set (no final C14N transform) is canonicalized with the time-stamp's method. */
    private static byte[] nodeOctets(XMLSignatureInput content, String c14n) throws XMLSecurityException,
            IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (content.isElement()) {
            Canonicalizer.getInstance(c14n).canonicalizeSubtree(content.getSubNode(), out);
        } else {
            Canonicalizer.getInstance(c14n).canonicalizeXPathNodeSet(content.getNodeSet(), out);
        }
        return out.toByteArray();
    }

    /** xades:QualifyingProperties/xades:UnsignedProperties/xades:UnsignedSignatureProperties, created if absent. */
    static Element unsignedSignatureProperties(Element signature) {
        Element qualifying = qualifyingProperties(signature);
        Element unsigned = XmlNames.child(qualifying, XmlNames.XADES, "UnsignedProperties");
        if (unsigned == null) {
            unsigned = XmlNames.xades(qualifying, "UnsignedProperties");
        }
        Element properties = XmlNames.child(unsigned, XmlNames.XADES, "UnsignedSignatureProperties");
        return properties != null ? properties : XmlNames.xades(unsigned, "UnsignedSignatureProperties");
    }

    public static Element qualifyingProperties(Element signature) {
        for (Node node = signature.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element object && "Object".equals(object.getLocalName())) {
                Element qualifying = XmlNames.child(object, XmlNames.XADES, "QualifyingProperties");
                if (qualifying != null) {
                    return qualifying;
                }
            }
        }
        return null;
    }

    private static List<byte[]> keyInfoCertificates(Element signature) {
        List<byte[]> out = new ArrayList<>();
        Element keyInfo = XmlNames.child(signature, XmlNames.DS, "KeyInfo");
        Element data = XmlNames.child(keyInfo, XmlNames.DS, "X509Data");
        for (Node node = data == null ? null : data.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element certificate && "X509Certificate".equals(certificate.getLocalName())) {
                out.add(java.util.Base64.getMimeDecoder().decode(certificate.getTextContent()));
            }
        }
        return out;
    }

    private static List<byte[]> missing(List<byte[]> candidates, List<byte[]> present) {
        List<byte[]> out = new ArrayList<>();
        for (byte[] candidate : candidates) {
            if (present.stream().noneMatch(p -> Arrays.equals(p, candidate))
                    && out.stream().noneMatch(p -> Arrays.equals(p, candidate))) {
                out.add(candidate);
            }
        }
        return out;
    }

    private static List<X509Certificate> tokenCertificates(TimeStamp stamp) {
        List<X509Certificate> out = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (X509CertificateHolder holder : stamp.token().getCertificates().getMatches(null)) {
            try {
                out.add(converter.getCertificate(holder));
            } catch (java.security.cert.CertificateException e) {
                // an unreadable extra certificate in the token cannot help build a chain
            }
        }
        return out;
    }
}
