package vn.kyso.verify;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampToken;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import vn.kyso.xml.XadesEvidence;
import vn.kyso.xml.XmlNames;

/**
 * XAdES unsigned properties, before the certificate rules run: CertificateValues and RevocationValues (and XAdES
 * 1.4.1 TimeStampValidationData) become the embedded evidence, then the SignatureTimeStamp over the canonical
 * ds:SignatureValue is judged like a CAdES one; its time becomes the best signing time. Plain XMLDSig has neither,
 * and its claimed SigningTime stays a claim.
 */
final class XadesTimestampCheck implements SignatureCheck {

    private static final String XADES = XmlNames.XADES;
    private static final String XADES141 = XmlNames.XADES141;

    private final TimestampVerifier timestamps;

    XadesTimestampCheck(TimestampVerifier timestamps) {
        this.timestamps = timestamps;
    }

    @Override
    public void check(SignatureContext context) {
        XmlSignatureState xml = context.xml;
        java.time.Instant claimed = XadesPropertiesCheck.claimedTime(xml);
        Element unsigned = unsignedSignatureProperties(xml);
        context.evidence = evidence(unsigned);
        Element stamp = XmlNames.child(unsigned, XADES, "SignatureTimeStamp");
        if (stamp == null) {
            SignatureTimestampCheck.withoutTimestamp(context, claimed);
            return;
        }
        byte[] timestamped = XmlNames.canonicalize(XmlNames.child(xml.element, XmlNames.DS, "SignatureValue"),
                canonicalization(stamp));
        SignatureTimestampCheck.judge(context, timestamps, token(stamp), timestamped, claimed);
    }

    static Element unsignedSignatureProperties(XmlSignatureState xml) {
        Element unsigned = XmlNames.child(xml.qualifyingProperties, XADES, "UnsignedProperties");
        return XmlNames.child(unsigned, XADES, "UnsignedSignatureProperties");
    }

    /** The time-stamp's ds:CanonicalizationMethod; inclusive C14N 1.0 when absent (XAdES's default). */
    static String canonicalization(Element timeStamp) {
        Element method = XmlNames.child(timeStamp, XmlNames.DS, "CanonicalizationMethod");
        return method == null ? org.apache.xml.security.c14n.Canonicalizer.ALGO_ID_C14N_OMIT_COMMENTS
                : method.getAttribute("Algorithm");
    }

    static TimeStampToken token(Element timeStamp) {
        Element encapsulated = XmlNames.child(timeStamp, XADES, "EncapsulatedTimeStamp");
        if (encapsulated == null) {
            throw new VerificationFailure(SubIndication.TIMESTAMP_INVALID, "no EncapsulatedTimeStamp");
        }
        try {
            return new TimeStampToken(new CMSSignedData(Base64.getMimeDecoder().decode(
                    encapsulated.getTextContent().strip())));
        } catch (Exception e) {
            throw new VerificationFailure(SubIndication.TIMESTAMP_INVALID, "unreadable timestamp token: " + e, e);
        }
    }

    /** Every Encapsulated* value under the unsigned signature properties; unreadable ones are skipped. */
    private static EmbeddedEvidence evidence(Element unsigned) {
        List<X509Certificate> certificates = new ArrayList<>();
        List<byte[]> ocsps = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        collect(unsigned, certificates, ocsps, crls);
        return new EmbeddedEvidence(certificates, ocsps, crls);
    }

    private static void collect(Element parent, List<X509Certificate> certificates, List<byte[]> ocsps,
                                List<X509CRL> crls) {
        for (Node node = parent == null ? null : parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (!(node instanceof Element element)) {
                continue;
            }
            switch (element.getLocalName()) {
                case "EncapsulatedX509Certificate" -> {
                    X509Certificate certificate = XmlSignatureValueCheck.decode(element.getTextContent());
                    if (certificate != null) {
                        certificates.add(certificate);
                    }
                }
                case "EncapsulatedOCSPValue" -> ocsps.add(Base64.getMimeDecoder().decode(
                        element.getTextContent().strip()));
                case "EncapsulatedCRLValue" -> {
                    try {
                        crls.add((X509CRL) CertificateFactory.getInstance("X.509").generateCRL(
                                new ByteArrayInputStream(Base64.getMimeDecoder().decode(
                                        element.getTextContent().strip()))));
                    } catch (Exception e) {
                        // skipped: embedded evidence can only help, never be required
                    }
                }
                case "CertificateValues", "RevocationValues", "CRLValues", "OCSPValues", "TimeStampValidationData" ->
                        collect(element, certificates, ocsps, crls);
                default -> {
                    // time-stamps and other properties carry no evidence values of their own here
                }
            }
        }
    }

    /** The ArchiveTimeStamps (XAdES 1.4.1), in document order. */
    static List<Element> archiveTimeStamps(Element unsigned) {
        List<Element> out = new ArrayList<>();
        for (Node node = unsigned == null ? null : unsigned.getFirstChild(); node != null;
             node = node.getNextSibling()) {
            if (node instanceof Element element && "ArchiveTimeStamp".equals(element.getLocalName())
                    && XADES141.equals(element.getNamespaceURI())) {
                out.add(element);
            }
        }
        return out;
    }

    /** The archive time-stamp input, for {@link XadesArchiveTimestampCheck}. */
    static byte[] archiveInput(XmlSignatureState xml, Element unsigned, Element archiveTimeStamp) {
        try {
            return XadesEvidence.archiveInput(xml.signature, unsigned, archiveTimeStamp,
                    canonicalization(archiveTimeStamp));
        } catch (org.apache.xml.security.exceptions.XMLSecurityException e) {
            throw new VerificationFailure(SubIndication.TIMESTAMP_INVALID, "archive time-stamp input: " + e, e);
        }
    }
}
