package vn.kyso.vgca;

import java.net.URI;
import java.util.Optional;

import vn.kyso.audit.AuditLog;
import vn.kyso.audit.AuditRecord;
import vn.kyso.errors.KysoException;
import vn.kyso.pdf.appearance.SigningTime;
import vn.kyso.verify.DocumentReport;
import vn.kyso.verify.Indication;
import vn.kyso.verify.Language;
import vn.kyso.verify.PdfSignatureVerifier;
import vn.kyso.verify.ReportJson;
import vn.kyso.verify.SignatureReport;
import vn.kyso.vgca.VgcaMessages.SignatureStatus;
import vn.kyso.vgca.VgcaMessages.VerifyJob;
import vn.kyso.vgca.VgcaMessages.VerifyResult;

/** VerifyPDF: download the document (same URL policy as signing) and verify every signature in it. */
public final class VgcaVerifyPdf {

    private final UrlPolicy policy;
    private final DocumentTransfer transfer;
    private final PdfSignatureVerifier verifier;
    private final AuditLog audit;

    public VgcaVerifyPdf(UrlPolicy policy, DocumentTransfer transfer, PdfSignatureVerifier verifier, AuditLog audit) {
        this.policy = policy;
        this.transfer = transfer;
        this.verifier = verifier;
        this.audit = audit;
    }

    public VerifyResult verify(Optional<String> origin, VerifyJob job) {
        String hash = "";
        String name = "from " + UrlPolicy.hostOf(String.valueOf(job.fileName()));
        try {
            URI source = policy.check(job.fileName(), origin);
            byte[] pdf = transfer.download(source, new Credentials(job.sessionId(), job.jwtToken()));
            hash = VgcaFileJob.sha256(pdf);
            DocumentReport report = verifier.verify(pdf);
            boolean valid = report.indication() == Indication.TOTAL_PASSED && !report.signatures().isEmpty();
            audit.append(new AuditRecord(origin.orElse("local program"), "vgca.VerifyPDF", name, hash, "", "",
                    report.indication().name()));
            String verdict = report.signatures().isEmpty() ? "Văn bản không có chữ ký số"
                    : report.indication().text(Language.VI);
            return new VerifyResult(valid ? VgcaMessages.OK : VgcaMessages.FAILED, verdict,
                    VgcaFileJob.nameOf(source), report.signatures().stream().map(VgcaVerifyPdf::status).toList(),
                    ReportJson.tree(report), null, report.signatures().isEmpty() ? "The document has no signature"
                    : report.indication().text(Language.EN));
        } catch (KysoException e) {
            audit.append(new AuditRecord(origin.orElse("local program"), "vgca.VerifyPDF", name, hash, "", "",
                    e.code()));
            return new VerifyResult(VgcaMessages.FAILED, e.messageVi(), null, null, null, e.code(), e.messageEn());
        }
    }

    private static SignatureStatus status(SignatureReport s) {
        return new SignatureStatus(s.signer() == null ? null : s.signer().name(),
                s.signer() == null ? null : s.signer().organisation(),
                s.signingTime() == null || s.signingTime().time() == null ? null
                        : SigningTime.iso(s.signingTime().time()),
                s.indication() == Indication.TOTAL_PASSED, s.indication().name(),
                s.subIndication() == null ? null : s.subIndication().name(), s.reason());
    }
}
