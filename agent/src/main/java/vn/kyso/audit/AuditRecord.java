package vn.kyso.audit;

/**
 * One signing act or refusal, as the audit log keeps it. Never a PIN, never document content: documents are known
 * by name and SHA-256 only.
 *
 * @param origin          the calling web origin, or "local program" / "cli"
 * @param operation       e.g. "sign.pdf/approve", "sign.hash", "verify.pdf"
 * @param documentName    the name shown to the person, may be empty
 * @param documentSha256  hex SHA-256 of the document (or of the hash signed)
 * @param certificate     the certificate's stable id (hex SHA-256), empty when none was chosen
 * @param signer          the certificate subject's common name, for people reading the log
 * @param result          "OK" or the error code (CONSENT_REFUSED, PIN_INCORRECT, …)
 */
public record AuditRecord(String origin, String operation, String documentName, String documentSha256,
                          String certificate, String signer, String result) {
}
