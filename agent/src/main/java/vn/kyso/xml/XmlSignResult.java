package vn.kyso.xml;

import java.util.List;

import vn.kyso.pki.TimeStamp;

/**
 * A finished XML signature.
 *
 * @param document    the signed document (enveloped) or the signature document (enveloping, detached), UTF-8
 * @param signatureId the ds:Signature's Id
 * @param format      XMLDSig or XAdES
 * @param level       the XAdES level reached; null for XMLDSig
 * @param signedNodes exactly what the data references cover, in SignedInfo order
 * @param invoice     for an e-invoice, what it says (read from the signed DLHDon); else null
 * @param timeStamp   the signature time-stamp (B-T and above), else null
 */
public record XmlSignResult(byte[] document, String signatureId, XmlSignatureFormat format, XadesLevel level,
                            List<SignedNode> signedNodes, EInvoice.Summary invoice, TimeStamp timeStamp) {

    public XmlSignResult {
        signedNodes = List.copyOf(signedNodes);
    }
}
