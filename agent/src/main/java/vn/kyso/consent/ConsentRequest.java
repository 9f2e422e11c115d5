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
 * @param contentSummary  readable lines of what a structured document says (a JSON payload's values), shown so the
 *                        person sees the content and not only its hash; empty when there is none
 */
public record ConsentRequest(String origin, String operationVi, String operationEn, String documentName, int pages,
                             String documentSha256, String signer, String tokenLabel, boolean blind,
                             List<Document> documents, List<String> contentSummary) {

    /** One document of a batch as the dialog lists it. */
    public record Document(String name, int pages, String sha256) {
    }

    public ConsentRequest {
        documents = documents == null ? List.of() : List.copyOf(documents);
        contentSummary = contentSummary == null ? List.of() : List.copyOf(contentSummary);
    }

    /** A batch, or a document without a content summary. */
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
