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
 * @param verification    for an incoming document (văn bản đến): what verifying its signatures found, shown before
 *                        the person decides; null otherwise
 * @param contents        what the document says or what inside it is signed, one line each, read by the agent from
 *                        the document so the person sees the content and not only its hash (an XML element's path
 *                        and Id; an e-invoice's number, seller, buyer and total; a JSON payload's values); empty when
 *                        there is nothing to add to the name and hash
 */
public record ConsentRequest(String origin, String operationVi, String operationEn, String documentName, int pages,
                             String documentSha256, String signer, String tokenLabel, boolean blind,
                             List<Document> documents, Verification verification, List<String> contents) {

    /**
     * The incoming document's verification as the dialog shows it.
     *
     * @param valid        false when a signature failed: the dialog shows the reason as a warning
     * @param confirmation true for the second question, in which the person confirms having seen that reason
     */
    public record Verification(String resultVi, String resultEn, boolean valid, boolean confirmation) {
    }

    /** One document of a batch as the dialog lists it. */
    public record Document(String name, int pages, String sha256) {
    }

    public ConsentRequest {
        documents = documents == null ? List.of() : List.copyOf(documents);
        contents = contents == null ? List.of() : List.copyOf(contents);
    }

    /** Without a statement of what inside the document is signed (the whole document is). */
    public ConsentRequest(String origin, String operationVi, String operationEn, String documentName, int pages,
                          String documentSha256, String signer, String tokenLabel, boolean blind,
                          List<Document> documents, Verification verification) {
        this(origin, operationVi, operationEn, documentName, pages, documentSha256, signer, tokenLabel, blind,
                documents, verification, List.of());
    }

    /** A batch, or a single document without verification. */
    public ConsentRequest(String origin, String operationVi, String operationEn, String documentName, int pages,
                          String documentSha256, String signer, String tokenLabel, boolean blind,
                          List<Document> documents) {
        this(origin, operationVi, operationEn, documentName, pages, documentSha256, signer, tokenLabel, blind,
                documents, null);
    }

    /** A single document (or hash). */
    public ConsentRequest(String origin, String operationVi, String operationEn, String documentName, int pages,
                          String documentSha256, String signer, String tokenLabel, boolean blind) {
        this(origin, operationVi, operationEn, documentName, pages, documentSha256, signer, tokenLabel, blind,
                List.of(), null);
    }
}
