package vn.kyso.verify;

import java.util.ArrayList;
import java.util.List;

import org.apache.xml.security.signature.XMLSignature;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import vn.kyso.xml.EInvoice;
import vn.kyso.xml.SignedNode;
import vn.kyso.xml.XmlIds;

/** What the XML checks read and establish about one ds:Signature (the XML side of a {@link SignatureContext}). */
final class XmlSignatureState {

    final Document document;
    final Element element;
    final XmlIds ids;
    /** The detached file given beside the signature and its Reference URI form; null when none was given. */
    final byte[] detached;
    final String detachedName;
    final String detachedUri;

    XMLSignature signature;
    /** True when the signature carries XAdES QualifyingProperties. */
    boolean xades;
    Element qualifyingProperties;
    final List<SignedNode> signedNodes = new ArrayList<>();
    EInvoice.Summary invoice;
    boolean coversWholeDocument;
    boolean archiveTimestampValid;

    XmlSignatureState(Document document, Element element, XmlIds ids, byte[] detached, String detachedName,
                      String detachedUri) {
        this.document = document;
        this.element = element;
        this.ids = ids;
        this.detached = detached;
        this.detachedName = detachedName;
        this.detachedUri = detachedUri;
    }
}
