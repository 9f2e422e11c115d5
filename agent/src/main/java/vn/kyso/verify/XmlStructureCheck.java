package vn.kyso.verify;

import java.util.Set;

import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import vn.kyso.pki.BouncyCastle;
import vn.kyso.token.DigestAlgorithm;
import vn.kyso.token.SignatureAlgorithm;
import vn.kyso.xml.DetachedResolver;
import vn.kyso.xml.XadesEvidence;
import vn.kyso.xml.XmlAlgorithms;
import vn.kyso.xml.XmlNames;

/**
 * The ds:Signature is one the agent is willing to evaluate: Santuario parses it with secure validation; SignedInfo
 * names a canonicalization and a SHA-2 signature method the regulations allow; every Reference uses a SHA-2 digest,
 * only the enveloped-signature and C14N transforms (no XPath, no XSLT), and a URI that stays inside the document
 * ("" or a bare "#Id" carried by exactly one element) or names the detached file given — never a path or a URL.
 */
final class XmlStructureCheck implements SignatureCheck {

    private static final Set<String> CANONICALIZATIONS = Set.of(Canonicalizer.ALGO_ID_C14N_OMIT_COMMENTS,
            Canonicalizer.ALGO_ID_C14N_WITH_COMMENTS, Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS,
            Canonicalizer.ALGO_ID_C14N_EXCL_WITH_COMMENTS, Canonicalizer.ALGO_ID_C14N11_OMIT_COMMENTS,
            Canonicalizer.ALGO_ID_C14N11_WITH_COMMENTS);

    @Override
    public void check(SignatureContext context) {
        XmlSignatureState xml = context.xml;
        try {
            xml.signature = new XMLSignature(xml.element, "", true, BouncyCastle.provider());
        } catch (XMLSecurityException e) {
            throw new VerificationFailure(SubIndication.FORMAT_FAILURE, "ds:Signature: " + e.getMessage(), e);
        }
        xml.qualifyingProperties = XadesEvidence.qualifyingProperties(xml.element);
        xml.xades = xml.qualifyingProperties != null;
        SignedInfo signedInfo = xml.signature.getSignedInfo();
        if (!CANONICALIZATIONS.contains(signedInfo.getCanonicalizationMethodURI())) {
            throw new VerificationFailure(SubIndication.FORMAT_FAILURE,
                    "canonicalization " + signedInfo.getCanonicalizationMethodURI() + " is not allowed");
        }
        SignatureAlgorithm algorithm = XmlAlgorithms.fromSignatureUri(signedInfo.getSignatureMethodURI());
        if (algorithm == null) {
            throw new VerificationFailure(SubIndication.CRYPTO_CONSTRAINTS_FAILURE_NO_POE,
                    "signature method " + signedInfo.getSignatureMethodURI());
        }
        context.signatureAlgorithm = algorithm.jcaName();
        context.digestAlgorithm = algorithm.digest().jcaName();
        try {
            for (int i = 0; i < signedInfo.getLength(); i++) {
                checkReference(xml, signedInfo.item(i));
            }
        } catch (XMLSecurityException e) {
            throw new VerificationFailure(SubIndication.FORMAT_FAILURE, "ds:Reference: " + e.getMessage(), e);
        }
        if (xml.detached != null) {
            xml.signature.addResourceResolver(new DetachedResolver(xml.detachedUri, xml.detached));
        }
    }

    /** XPath Filter 2.0 whose every filter subtracts the ds:Signature elements and nothing else. */
    private static boolean subtractsSignaturesOnly(Element transform) {
        boolean any = false;
        for (Node node = transform.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (!(node instanceof Element filter)) {
                continue;
            }
            String expression = filter.getTextContent().strip();
            String prefix = expression.startsWith("/descendant::") && expression.endsWith(":Signature")
                    ? expression.substring("/descendant::".length(), expression.length() - ":Signature".length())
                    : null;
            if (!"XPath".equals(filter.getLocalName()) || !"subtract".equals(filter.getAttribute("Filter"))
                    || prefix == null || !XmlNames.DS.equals(filter.lookupNamespaceURI(prefix))) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private static void checkReference(XmlSignatureState xml, Reference reference) throws XMLSecurityException {
        String uri = reference.getURI();
        DigestAlgorithm digest = XmlAlgorithms.fromDigestUri(reference.getMessageDigestAlgorithm()
                .getAlgorithmURI());
        if (digest == null) {
            throw new VerificationFailure(SubIndication.CRYPTO_CONSTRAINTS_FAILURE_NO_POE,
                    "digest method " + reference.getMessageDigestAlgorithm().getAlgorithmURI() + " of " + uri);
        }
        Transforms transforms = reference.getTransforms();
        for (int i = 0; transforms != null && i < transforms.getLength(); i++) {
            String transform = transforms.item(i).getURI();
            boolean allowed = Transforms.TRANSFORM_ENVELOPED_SIGNATURE.equals(transform)
                    || Transforms.TRANSFORM_BASE64_DECODE.equals(transform) || CANONICALIZATIONS.contains(transform)
                    || (Transforms.TRANSFORM_XPATH2FILTER.equals(transform)
                    && subtractsSignaturesOnly(transforms.item(i).getElement()));
            if (!allowed) {
                throw new VerificationFailure(SubIndication.FORMAT_FAILURE,
                        "transform " + transform + " is not allowed (reference " + uri + ")");
            }
        }
        if (uri == null) {
            throw new VerificationFailure(SubIndication.FORMAT_FAILURE, "a reference without URI");
        }
        if (uri.isEmpty()) {
            return;
        }
        if (uri.startsWith("#")) {
            String id = uri.substring(1);
            if (id.isEmpty() || id.contains("(")) {
                throw new VerificationFailure(SubIndication.FORMAT_FAILURE,
                        "reference " + uri + ": only bare-name fragments are allowed");
            }
            int count = xml.ids.count(id);
            if (count == 0) {
                throw new VerificationFailure(SubIndication.SIGNED_DATA_NOT_FOUND, "no element has the Id " + id);
            }
            if (count > 1) {
                throw new VerificationFailure(SubIndication.SIGNATURE_WRAPPING,
                        "the Id " + id + " is carried by " + count + " elements");
            }
            return;
        }
        if (xml.detachedUri != null && xml.detachedUri.equals(uri)) {
            return;
        }
        throw new VerificationFailure(xml.detached == null && !uri.contains(":") && !uri.contains("/")
                ? SubIndication.SIGNED_DATA_NOT_FOUND : SubIndication.FORMAT_FAILURE,
                "reference " + uri + " points outside the document and is not the detached file given");
    }
}
