package vn.kyso.usecase;

import java.util.List;
import java.util.stream.Collectors;

import vn.kyso.verify.DocumentReport;
import vn.kyso.verify.Indication;
import vn.kyso.verify.PdfSignatureVerifier;
import vn.kyso.verify.SignatureReport;
import vn.kyso.verify.VerifyError;

/**
 * An incoming document (văn bản đến) verified before the văn thư signs it: every signature must be checked before
 * the document is accepted (Thông tư 41/2017, the provinces' rules). The result goes into the consent the person
 * approves; a document whose signatures are not valid is signed only after the person confirms having seen why.
 *
 * @param status    what the verification found
 * @param summaryVi the result as the consent dialog shows it, in Vietnamese
 * @param summaryEn the same in English
 */
public record IncomingCheck(Status status, String summaryVi, String summaryEn) {

    public enum Status { VALID, UNSIGNED, NOT_VALID }

    /** A document with signatures that did not all pass: the person must confirm having seen the reason. */
    public boolean acknowledgementRequired() {
        return status == Status.NOT_VALID;
    }

    static IncomingCheck of(PdfSignatureVerifier verifier, byte[] pdf, String password) {
        DocumentReport report = verifier.verify(pdf, password);
        if (report.error() == VerifyError.NO_SIGNATURE) {
            // scanned paper (số hóa) arrives unsigned: nothing to verify, said so plainly
            return new IncomingCheck(Status.UNSIGNED, "Văn bản đến không có chữ ký số.",
                    "The incoming document carries no digital signature.");
        }
        List<SignatureReport> signatures = report.signatures().stream().filter(s -> !s.documentTimestamp()).toList();
        if (report.indication() == Indication.TOTAL_PASSED) {
            String signers = signatures.stream().map(IncomingCheck::signer).collect(Collectors.joining(", "));
            return new IncomingCheck(Status.VALID,
                    "Văn bản đến: " + signatures.size() + " chữ ký số hợp lệ (" + signers + ").",
                    "Incoming document: " + signatures.size() + " valid signature(s) (" + signers + ").");
        }
        if (report.error() != null) {
            String detail = report.errorDetail() == null ? report.error().messageEn() : report.errorDetail();
            return new IncomingCheck(Status.NOT_VALID,
                    "Văn bản đến KHÔNG kiểm tra được chữ ký: " + report.error().messageVi(),
                    "The incoming document's signatures could NOT be verified: " + detail);
        }
        SignatureReport failed = report.signatures().stream()
                .filter(s -> s.indication() != Indication.TOTAL_PASSED).findFirst().orElseThrow();
        String why = failed.indication() + (failed.subIndication() == null ? "" : "/" + failed.subIndication().code())
                + (failed.reason() == null ? "" : ": " + failed.reason());
        return new IncomingCheck(Status.NOT_VALID,
                "Văn bản đến có chữ ký KHÔNG hợp lệ — chữ ký của " + signer(failed) + ": " + why,
                "The incoming document has a signature that is NOT valid — " + signer(failed) + "'s: " + why);
    }

    private static String signer(SignatureReport signature) {
        return signature.signer() == null ? signature.fieldName() : signature.signer().name();
    }
}
