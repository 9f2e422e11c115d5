package vn.kyso.consent;

import java.util.List;

/**
 * What the consent dialog shows before anything is signed: who asks, what act, which document, with which
 * certificate. The person approves exactly this.
 *
 * @param origin          the requesting web origin (or "local program")
 * @param operationVi     the act in Vietnamese, e.g. "Ký phê duyệt", "Phát hành văn bản", "Ký giá trị băm"
 * @param operationEn     the same in English
 * @param documentName    the document's name as the page gave it (shown, never trusted as a path); for a batch, a
 *                        summary such as "3 văn bản"
 * @param pages           number of pages, 0 when not a PDF (for a batch, of all documents together)
 * @param documentSha256  hex SHA-256 of what is signed (the document, or the hash for blind hash signing; for a
 *                        batch, of the list of the documents' hashes)
 * @param signer          the certificate subject
 * @param tokenLabel      the token holding the key
 * @param blind           true when the agent cannot show the content (hash signing): the dialog warns
 * @param documents       every document of a batch, in order (empty for a single document)
 * @param contents        what inside the document is signed, one line each, read by the agent from the document
 *                        (an XML element's path and Id; an e-invoice's number, seller, buyer and total); empty when
 *                        the whole document is signed
 */
public record ConsentRequest(String origin, String operationVi, String operationEn, String documentName, int pages,
                             String documentSha256, String signer, String tokenLabel, boolean blind,
                             List<Document> documents, List<String> contents) {

    /** One document of a batch as the dialog lists it. */
    public record Document(String name, int pages, String sha256) {
    }

    public ConsentRequest {
        documents = documents == null ? List.of() : List.copyOf(documents);
        contents = contents == null ? List.of() : List.copyOf(contents);
    }

    /** A batch of whole documents. */
    public ConsentRequest(String origin, String operationVi, String operationEn, String documentName, int pages,
                          String documentSha256, String signer, String tokenLabel, boolean blind,
                          List<Document> documents) {
        this(origin, operationVi, operationEn, documentName, pages, documentSha256, signer, tokenLabel, blind,
                documents, List.of());
    }

    /** A single document (or hash). */
    public ConsentRequest(String origin, String operationVi, String operationEn, String documentName, int pages,
                          String documentSha256, String signer, String tokenLabel, boolean blind) {
        this(origin, operationVi, operationEn, documentName, pages, documentSha256, signer, tokenLabel, blind,
                List.of());
    }
}
