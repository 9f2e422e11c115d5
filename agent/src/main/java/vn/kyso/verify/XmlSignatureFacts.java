package vn.kyso.verify;

import java.util.List;

import vn.kyso.xml.EInvoice;
import vn.kyso.xml.SignedNode;

/**
 * What one XML signature is and covers, beside its verdict.
 *
 * @param signatureId the ds:Signature's Id (may be empty)
 * @param path        where the ds:Signature sits ("/HDon/DSCKS/NBan/ds:Signature")
 * @param xades       true for XAdES, false for plain XMLDSig
 * @param signedNodes what its data references cover (element path and Id, or the detached file)
 * @param invoice     for an e-invoice signature that covers the invoice: số hóa đơn, seller, buyer, total; else null
 */
public record XmlSignatureFacts(String signatureId, String path, boolean xades, List<SignedNode> signedNodes,
                                EInvoice.Summary invoice) {

    public XmlSignatureFacts {
        signedNodes = List.copyOf(signedNodes);
    }
}
