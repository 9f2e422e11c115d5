package vn.kyso.verify;

import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.MissingResourceFailureException;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.SignedInfo;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import vn.kyso.xml.EInvoice;
import vn.kyso.xml.SignedNode;
import vn.kyso.xml.XmlNames;
import vn.kyso.xml.XmlPaths;

/**
 * Every Reference's digest matches what it points at now (HASH_FAILURE names the first that does not), and what the
 * references cover is recorded for the report. Coverage: a signature must sign data outside its own properties, and
 * in an e-invoice a signature under DSCKS must cover the {@code /HDon/DLHDon} a person is shown — a valid signature
 * over a copy moved elsewhere (signature wrapping) fails here.
 */
final class XmlReferenceCheck implements SignatureCheck {

    private static final String SIGNED_PROPERTIES = XmlNames.SIGNED_PROPERTIES_TYPE;

    @Override
    public void check(SignatureContext context) {
        XmlSignatureState xml = context.xml;
        SignedInfo signedInfo = xml.signature.getSignedInfo();
        try {
            signedInfo.verify(false);
            for (int i = 0; i < signedInfo.getLength(); i++) {
                if (!signedInfo.getVerificationResult(i)) {
                    throw new VerificationFailure(SubIndication.HASH_FAILURE,
                            "reference " + describe(xml, signedInfo.item(i)) + " does not match its digest");
                }
            }
        } catch (MissingResourceFailureException e) {
            throw new VerificationFailure(SubIndication.SIGNED_DATA_NOT_FOUND, e.getMessage(), e);
        } catch (XMLSecurityException e) {
            throw new VerificationFailure(SubIndication.FORMAT_FAILURE, "references: " + e.getMessage(), e);
        }
        Element invoiceData = EInvoice.data(xml.document);
        boolean coversInvoice = false;
        try {
            for (int i = 0; i < signedInfo.getLength(); i++) {
                Reference reference = signedInfo.item(i);
                String uri = reference.getURI();
                if (SIGNED_PROPERTIES.equals(reference.getType())) {
                    continue;
                }
                if (uri.isEmpty()) {
                    Element root = xml.document.getDocumentElement();
                    xml.signedNodes.add(new SignedNode(uri, XmlPaths.of(root), null));
                    xml.coversWholeDocument = true;
                    coversInvoice |= invoiceData != null;
                } else if (uri.startsWith("#")) {
                    Element target = xml.ids.unique(uri.substring(1));
                    if (isSignatureProperties(xml.element, target)) {
                        continue;
                    }
                    xml.signedNodes.add(new SignedNode(uri, XmlPaths.of(target), uri.substring(1)));
                    coversInvoice |= target == invoiceData;
                } else {
                    xml.signedNodes.add(new SignedNode(uri, uri.equals(xml.detachedUri) ? xml.detachedName : uri,
                            null));
                    xml.coversWholeDocument = true;
                }
            }
        } catch (XMLSecurityException e) {
            throw new VerificationFailure(SubIndication.FORMAT_FAILURE, "references: " + e.getMessage(), e);
        }
        if (xml.signedNodes.isEmpty()) {
            throw new VerificationFailure(SubIndication.FORMAT_FAILURE,
                    "the signature covers only its own properties, no data");
        }
        if (invoiceData != null && isInvoiceSignature(xml)) {
            if (!coversInvoice) {
                throw new VerificationFailure(SubIndication.SIGNATURE_WRAPPING, "the invoice shown ("
                        + XmlPaths.of(invoiceData) + ") is not what the signature covers ("
                        + xml.signedNodes.get(0).path() + ")");
            }
            xml.invoice = EInvoice.summary(invoiceData);
        }
    }

    /** A ds:Object of this signature holding only its ds:SignatureProperties (the e-invoice's SigningTime). */
    private static boolean isSignatureProperties(Element signature, Element target) {
        if (target.getParentNode() != signature || !"Object".equals(target.getLocalName())) {
            return false;
        }
        return XmlNames.child(target, XmlNames.DS, "SignatureProperties") != null;
    }

    /** A signature inside the e-invoice's DSCKS (seller, buyer or other signer). */
    private static boolean isInvoiceSignature(XmlSignatureState xml) {
        for (Node node = xml.element.getParentNode(); node instanceof Element element; node = node.getParentNode()) {
            if (EInvoice.SIGNATURES.equals(element.getLocalName())
                    && element.getParentNode() == xml.document.getDocumentElement()) {
                return true;
            }
        }
        return false;
    }

    private static String describe(XmlSignatureState xml, Reference reference) {
        String uri = reference.getURI();
        if (uri != null && uri.startsWith("#") && xml.ids.count(uri.substring(1)) == 1) {
            return uri + " (" + XmlPaths.of(xml.ids.unique(uri.substring(1))) + ")";
        }
        return uri;
    }
}
