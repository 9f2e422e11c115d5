package vn.kyso.verify;

import java.util.List;

/**
 * The verdict on an XML document, in the same model as a PDF's ({@link DocumentReport}: one {@link SignatureReport}
 * per ds:Signature, in document order), with what each signature covers alongside, index for index.
 */
public record XmlDocumentReport(DocumentReport report, List<XmlSignatureFacts> signatures) {

    public XmlDocumentReport {
        signatures = List.copyOf(signatures);
    }
}
