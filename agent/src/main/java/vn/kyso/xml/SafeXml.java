package vn.kyso.xml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import vn.kyso.errors.KysoException;

/**
 * The only way the agent reads XML: no DTD at all (so no external entities, no entity expansion such as "billion
 * laughs"), no XInclude, no network or file access, a bounded size and a bounded element depth. Comments and
 * whitespace are kept, because what is signed must be what the caller sent.
 */
public final class SafeXml {

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final String MAX_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";
    /** The JDK parser's message code when {@link #MAX_DEPTH} is exceeded (kept in every translation). */
    private static final String DEPTH_EXCEEDED = "JAXP00010006";

    private SafeXml() {
    }

    /**
     * @throws KysoException XML_TOO_LARGE, XML_DTD_FORBIDDEN, XML_TOO_DEEP or XML_MALFORMED
     */
    public static Document parse(byte[] xml, XmlLimits limits) {
        if (xml.length > limits.maxBytes()) {
            throw new KysoException(XmlError.XML_TOO_LARGE, xml.length, limits.maxBytes());
        }
        try {
            return builder(limits).parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains(DISALLOW_DOCTYPE)) {
                throw new KysoException(XmlError.XML_DTD_FORBIDDEN);
            }
            if (message.contains(DEPTH_EXCEEDED)) {
                throw new KysoException(XmlError.XML_TOO_DEEP, limits.maxDepth());
            }
            throw new KysoException(XmlError.XML_MALFORMED, java.util.Map.of(), e,
                    "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + message);
        } catch (SAXException | IOException e) {
            throw new KysoException(XmlError.XML_MALFORMED, java.util.Map.of(), e, String.valueOf(e.getMessage()));
        }
    }

    /**
     * Whether {@code bytes} look like XML (after a UTF-8 byte order mark and white space, a '<'): how the CLI tells an
     * XML file from a PDF (which starts with "%PDF") without trusting its name.
     */
    public static boolean looksLikeXml(byte[] bytes) {
        int i = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) {
            i++;
        }
        return i < bytes.length && bytes[i] == '<';
    }

    /** An empty namespace-aware document to build signatures in. */
    public static Document newDocument() {
        return builder(XmlLimits.defaults()).newDocument();
    }

    /**
     * The document as UTF-8 bytes, unindented: the identity serialiser changes nothing canonicalization sees
     * (attribute quoting and character references are not part of the canonical form).
     */
    public static byte[] serialize(Document document) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "no");
            document.setXmlStandalone(true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new KysoException(XmlError.XML_SIGNING_FAILED, java.util.Map.of(), e, e.getMessage());
        }
    }

    private static DocumentBuilder builder(XmlLimits limits) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setAttribute(MAX_DEPTH, String.valueOf(limits.maxDepth()));
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setCoalescing(false);
            factory.setIgnoringComments(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(THROWING);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity refused: " + systemId);
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK parser lacks a required safety feature", e);
        }
    }

    /** The default handler prints "[Fatal Error]" to stderr before throwing; errors are ours to report. */
    private static final ErrorHandler THROWING = new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {
        }

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    };
}
