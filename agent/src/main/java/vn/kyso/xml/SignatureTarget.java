package vn.kyso.xml;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Iterator;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import javax.xml.xpath.XPathFactoryConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import vn.kyso.errors.KysoException;

/**
 * Where a new signature goes and what its data reference covers, worked out before the token is asked: the same
 * answer feeds the consent dialog ({@link XmlSigner#preview}) and the signing itself.
 *
 * @param document     the document the ds:Signature is built in (the input for enveloped, a new one otherwise)
 * @param ids          the document's Ids
 * @param parent       enveloped: the element the signature is appended to; otherwise null (signature is the root)
 * @param referenceUri the data Reference's URI
 * @param content      enveloping: the input's root, to be moved into a ds:Object; otherwise null
 * @param detached     detached: the signed bytes; otherwise null
 * @param signedNode   what the data reference covers
 * @param invoice      the e-invoice summary when the covered element is an e-invoice's DLHDon, else null
 */
public record SignatureTarget(Document document, XmlIds ids, Element parent, String referenceUri, Element content,
                              byte[] detached, SignedNode signedNode, EInvoice.Summary invoice) {

    static SignatureTarget locate(byte[] input, XmlSignOptions options, XmlLimits limits) {
        return switch (options.packaging()) {
            case ENVELOPED -> enveloped(SafeXml.parse(input, limits), options);
            case ENVELOPING -> enveloping(SafeXml.parse(input, limits));
            case DETACHED -> detached(input, options);
        };
    }

    private static SignatureTarget enveloped(Document document, XmlSignOptions options) {
        XmlIds ids = XmlIds.index(document);
        Element invoiceData = EInvoice.data(document);
        Element parent = options.parentXPath() != null ? select(document, options.parentXPath())
                : invoiceData != null ? sellerSignatureSlot(document) : document.getDocumentElement();
        String id = options.referenceId() != null ? options.referenceId()
                : invoiceData != null ? invoiceData.getAttribute("Id") : null;
        if (id != null && id.isEmpty()) {
            throw new KysoException(XmlError.XML_ID_NOT_FOUND, EInvoice.DATA + "/@Id");
        }
        if (id == null) {
            Element root = document.getDocumentElement();
            return new SignatureTarget(document, ids, parent, "", null, null,
                    new SignedNode("", XmlPaths.of(root), null), invoiceData == null ? null
                    : EInvoice.summary(invoiceData));
        }
        Element signed = ids.unique(id);
        return new SignatureTarget(document, ids, parent, "#" + id, null, null,
                new SignedNode("#" + id, XmlPaths.of(signed), id),
                signed == invoiceData ? EInvoice.summary(invoiceData) : null);
    }

    private static SignatureTarget enveloping(Document input) {
        Document document = SafeXml.newDocument();
        Element content = (Element) document.importNode(input.getDocumentElement(), true);
        Element invoiceData = EInvoice.data(input);
        return new SignatureTarget(document, null, null, null, content, null, null,
                invoiceData == null ? null : EInvoice.summary(invoiceData));
    }

    private static SignatureTarget detached(byte[] input, XmlSignOptions options) {
        String uri;
        try {
            uri = new URI(null, null, options.detachedName(), null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new KysoException(XmlError.XML_OPTIONS_INVALID, "file name: " + e.getMessage());
        }
        return new SignatureTarget(SafeXml.newDocument(), null, null, uri, null, input,
                new SignedNode(uri, options.detachedName(), null), null);
    }

    /** /HDon/DSCKS/NBan, created when the invoice template left it out. */
    private static Element sellerSignatureSlot(Document document) {
        Element root = document.getDocumentElement();
        Element signatures = EInvoice.child(root, EInvoice.SIGNATURES);
        if (signatures == null) {
            signatures = (Element) root.appendChild(document.createElementNS(root.getNamespaceURI(),
                    prefixed(root, EInvoice.SIGNATURES)));
        }
        Element seller = EInvoice.child(signatures, EInvoice.SELLER_SIGNATURE);
        if (seller == null) {
            seller = (Element) signatures.insertBefore(document.createElementNS(root.getNamespaceURI(),
                    prefixed(root, EInvoice.SELLER_SIGNATURE)), signatures.getFirstChild());
        }
        return seller;
    }

    private static String prefixed(Element root, String localName) {
        return root.getPrefix() == null ? localName : root.getPrefix() + ":" + localName;
    }

    /**
     * The one element {@code expression} selects. Prefixes are those the root element declares. Secure processing
     * keeps extension functions out.
     */
    static Element select(Document document, String expression) {
        try {
            XPathFactory factory = XPathFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            XPath xpath = factory.newXPath();
            xpath.setNamespaceContext(new RootNamespaces(document.getDocumentElement()));
            Object result = xpath.evaluate(expression, document, XPathConstants.NODESET);
            NodeList nodes = (NodeList) result;
            if (nodes.getLength() != 1) {
                throw new KysoException(XmlError.XML_XPATH_INVALID, expression, nodes.getLength() + " nodes match");
            }
            if (!(nodes.item(0) instanceof Element element)) {
                throw new KysoException(XmlError.XML_XPATH_INVALID, expression, "the match is not an element");
            }
            return element;
        } catch (XPathExpressionException | XPathFactoryConfigurationException e) {
            throw new KysoException(XmlError.XML_XPATH_INVALID, expression, String.valueOf(e.getMessage()));
        }
    }

    /** The prefixes declared on the root element, so "/inv:Invoice/inv:Sig" works as the document writes it. */
    private record RootNamespaces(Element root) implements NamespaceContext {

        @Override
        public String getNamespaceURI(String prefix) {
            NamedNodeMap attributes = root.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Node attribute = attributes.item(i);
                if (XmlNames.XMLNS.equals(attribute.getNamespaceURI())
                        && prefix.equals(attribute.getLocalName())) {
                    return attribute.getNodeValue();
                }
            }
            return XMLConstants.NULL_NS_URI;
        }

        @Override
        public String getPrefix(String namespaceURI) {
            return null;
        }

        @Override
        public Iterator<String> getPrefixes(String namespaceURI) {
            return List.<String>of().iterator();
        }
    }
}
