package vn.kyso.xml;

import java.io.ByteArrayOutputStream;

import org.apache.xml.security.c14n.CanonicalizationException;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.c14n.InvalidCanonicalizerException;
import org.apache.xml.security.utils.Constants;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import vn.kyso.errors.KysoException;

/**
 * Namespaces, element construction with explicit prefix declarations, and Santuario's canonicalization; shared by
 * the signer and the verifier.
 */
public final class XmlNames {

    public static final String DS = Constants.SignatureSpecNS;
    public static final String XADES = "http://uri.etsi.org/01903/v1.3.2#";
    public static final String XADES141 = "http://uri.etsi.org/01903/v1.4.1#";
    public static final String XMLNS = "http://www.w3.org/2000/xmlns/";
    public static final String SIGNED_PROPERTIES_TYPE = "http://uri.etsi.org/01903#SignedProperties";
    public static final String SIGNATURE_PROPERTIES_TYPE = "http://www.w3.org/2000/09/xmldsig#SignatureProperties";

    private XmlNames() {
    }

    /** A child in the XAdES 1.3.2 namespace (prefix "xades", declared on QualifyingProperties). */
    static Element xades(Element parent, String localName) {
        return append(parent, XADES, "xades:" + localName);
    }

    /** A child in the XMLDSig namespace (prefix "ds", declared by Santuario on ds:Signature). */
    static Element ds(Element parent, String localName) {
        return append(parent, DS, "ds:" + localName);
    }

    static Element append(Element parent, String namespace, String qualifiedName) {
        Element child = parent.getOwnerDocument().createElementNS(namespace, qualifiedName);
        parent.appendChild(child);
        return child;
    }

    static Element text(Element element, String value) {
        element.setTextContent(value);
        return element;
    }

    /** Canonicalization uses the xmlns attributes present in the DOM, so a new prefix is declared explicitly. */
    static void declare(Element element, String prefix, String namespace) {
        element.setAttributeNS(XMLNS, "xmlns:" + prefix, namespace);
    }

    public static byte[] canonicalize(Node node, String algorithm) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Canonicalizer.getInstance(algorithm).canonicalizeSubtree(node, out);
            return out.toByteArray();
        } catch (InvalidCanonicalizerException | CanonicalizationException e) {
            throw new KysoException(XmlError.XML_SIGNING_FAILED, java.util.Map.of(), e, e.getMessage());
        }
    }

    /** The first child element with this namespace and local name, or null. */
    public static Element child(Element parent, String namespace, String localName) {
        if (parent == null) {
            return null;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())
                    && namespace.equals(element.getNamespaceURI())) {
                return element;
            }
        }
        return null;
    }
}
