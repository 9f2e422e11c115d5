package vn.kyso.consent;

/**
 * What the consent dialog shows before anything is signed: who asks, what act, which document, with which
 * certificate. The person approves exactly this.
 *
 * @param origin          the requesting web origin (or "local program")
 * @param operationVi     the act in Vietnamese, e.g. "Ký phê duyệt", "Phát hành văn bản", "Ký giá trị băm"
 * @param operationEn     the same in English
 * @param documentName    the document's name as the page gave it (shown, never trusted as a path)
 * @param pages           number of pages, 0 when not a PDF
 * @param documentSha256  hex SHA-256 of what is signed (the document, or the hash for blind hash signing)
 * @param signer          the certificate subject
 * @param tokenLabel      the token holding the key
 * @param blind           true when the agent cannot show the content (hash signing): the dialog warns
 */
public record ConsentRequest(String origin, String operationVi, String operationEn, String documentName, int pages,
                             String documentSha256, String signer, String tokenLabel, boolean blind) {
}
