package vn.kyso.verify;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.xml.security.Init;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import vn.kyso.errors.KysoException;
import vn.kyso.xml.SafeXml;
import vn.kyso.xml.XmlIds;
import vn.kyso.xml.XmlLimits;
import vn.kyso.xml.XmlNames;
import vn.kyso.xml.XmlPaths;

/**
 * Verifies every ds:Signature of an XML document (XMLDSig or XAdES; enveloped, enveloping, or detached with the
 * signed file given) with the XML rules — structure, reference digests, coverage and wrapping, signature value,
 * signing-certificate binding, time-stamps — followed by the same certificate rules as PDF and CMS signatures: chain,
 * validity at signing time, path, revocation (embedded evidence first), key usage and algorithm strength. The
 * document is read by {@link SafeXml}; references never leave it. Never throws for a bad document.
 * Built with {@link PdfSignatureVerifier.Builder#buildXmlVerifier()}.
 */
public final class XmlSignatureVerifier {

    private final VerifierSettings settings;
    private final ChainBuilder chains;
    private final TimestampVerifier timestamps;
    private final XmlLimits limits;

    XmlSignatureVerifier(VerifierSettings settings, XmlLimits limits) {
        this.settings = settings;
        this.chains = new ChainBuilder(settings.trustStore(), settings.http(), settings.online());
        this.timestamps = new TimestampVerifier(settings, chains);
        this.limits = limits;
    }

    public XmlDocumentReport verify(byte[] xml) {
        return verify(xml, null, null);
    }

    /**
     * @param detached     the file a detached signature signs, or null
     * @param detachedName its name as the signature's Reference gives it
     */
    public XmlDocumentReport verify(byte[] xml, byte[] detached, String detachedName) {
        Init.init(); // on the first XML verification, not when the agent builds its verifiers (see XmlSigner)
        Instant now = settings.clock().instant();
        Document document;
        try {
            document = SafeXml.parse(xml, limits);
        } catch (KysoException e) {
            return failed(now, VerifyError.XML_UNREADABLE, e.code() + ": " + e.messageEn());
        }
        String detachedUri = null;
        if (detachedName != null) {
            try {
                detachedUri = new URI(null, null, detachedName, null).toASCIIString();
            } catch (URISyntaxException e) {
                return failed(now, VerifyError.XML_UNREADABLE, "detached file name: " + e.getMessage());
            }
        }
        XmlIds ids = XmlIds.index(document);
        NodeList elements = document.getElementsByTagNameNS(XmlNames.DS, "Signature");
        if (elements.getLength() == 0) {
            return failed(now, VerifyError.XML_NO_SIGNATURE, null);
        }
        List<SignatureReport> reports = new ArrayList<>();
        List<XmlSignatureFacts> facts = new ArrayList<>();
        for (int i = 0; i < elements.getLength(); i++) {
            Element element = (Element) elements.item(i);
            XmlSignatureState state = new XmlSignatureState(document, element, ids, detached, detachedName,
                    detachedUri);
            reports.add(verifyOne(state, now));
            facts.add(new XmlSignatureFacts(element.getAttribute("Id"), XmlPaths.of(element), state.xades,
                    state.signedNodes, state.invoice));
        }
        return new XmlDocumentReport(DocumentReport.of(now, reports), facts);
    }

    private SignatureReport verifyOne(XmlSignatureState xml, Instant now) {
        SignatureContext context = SignatureContext.forXml(settings, now, xml);
        CheckRun run = CheckRun.of(context, checks());
        SubIndication failed = run.failed();
        String reason = run.reason();
        Indication indication = run.indication();
        String name = xml.element.getAttribute("Id").isEmpty() ? XmlPaths.of(xml.element)
                : xml.element.getAttribute("Id");
        return new SignatureReport(name, false, indication, failed, reason,
                context.signerCertificate == null ? null : Certificates.describe(context.signerCertificate),
                context.signingTime, level(indication, context), context.revocation, context.timestamp,
                xml.xades ? "XAdES" : "XMLDSig", context.digestAlgorithm, context.signatureAlgorithm,
                xml.coversWholeDocument, List.of(), context.warnings);
    }

    private List<SignatureCheck> checks() {
        return List.of(
                new XmlStructureCheck(),
                new XmlReferenceCheck(),
                new XmlSignatureValueCheck(),
                new XadesPropertiesCheck(),
                new XadesTimestampCheck(timestamps),
                new CertificateChainCheck(chains),
                new CertificateValidityCheck(),
                new PathValidationCheck(),
                new RevocationStatusCheck(),
                new KeyUsageCheck(),
                new AlgorithmStrengthCheck(),
                new XadesArchiveTimestampCheck(timestamps));
    }

    /**
     * XML-NOT-ETSI (DSS's name) for a plain W3C XMLDSig signature that is not TOTAL_FAILED; for XAdES B-B, B-T with a verified signature
     * time-stamp, B-LT when the revocation evidence came from the signature itself, B-LTA with a verified archive
     * time-stamp on top.
     */
    private static SignatureLevel level(Indication indication, SignatureContext context) {
        if (indication == Indication.TOTAL_FAILED || context.signerCertificate == null) {
            return SignatureLevel.NONE;
        }
        if (!context.xml.xades) {
            return SignatureLevel.XML_NOT_ETSI;
        }
        if (context.timestamp == null || !context.timestamp.valid()) {
            return SignatureLevel.XADES_B_B;
        }
        RevocationSource source = context.revocation.source();
        if (source != RevocationSource.EMBEDDED_OCSP && source != RevocationSource.EMBEDDED_CRL) {
            return SignatureLevel.XADES_B_T;
        }
        return context.xml.archiveTimestampValid ? SignatureLevel.XADES_B_LTA : SignatureLevel.XADES_B_LT;
    }

    private static XmlDocumentReport failed(Instant now, VerifyError error, String detail) {
        return new XmlDocumentReport(DocumentReport.failed(now, error, detail), List.of());
    }
}
