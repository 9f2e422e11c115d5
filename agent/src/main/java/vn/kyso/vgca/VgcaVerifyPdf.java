package vn.kyso.vgca;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import vn.kyso.audit.AuditLog;
import vn.kyso.audit.AuditRecord;
import vn.kyso.errors.KysoException;
import vn.kyso.errors.Language;
import vn.kyso.pdf.appearance.StampTime;
import vn.kyso.verify.DocumentReport;
import vn.kyso.verify.Indication;
import vn.kyso.verify.PdfSignatureVerifier;
import vn.kyso.verify.ReportJson;
import vn.kyso.verify.SignatureReport;
import vn.kyso.verify.XmlDocumentReport;
import vn.kyso.verify.XmlSignatureVerifier;
import vn.kyso.vgca.VgcaMessages.SignatureStatus;
import vn.kyso.vgca.VgcaMessages.VerifyJob;
import vn.kyso.vgca.VgcaMessages.VerifyResult;

/**
 * VerifyPDF and VerifyXML: download the document (same URL policy as signing) and verify every signature in it; the
 * reply carries the machine-readable report (for XML with what each signature covers).
 */
public final class VgcaVerifyPdf {

    /** A verifier's verdict and its JSON for the reply. */
    private record Verified(DocumentReport report, JsonNode json) {
    }

    private final UrlPolicy policy;
    private final DocumentTransfer transfer;
    private final Function<byte[], Verified> verifier;
    private final String act;
    private final AuditLog audit;

    public VgcaVerifyPdf(UrlPolicy policy, DocumentTransfer transfer, PdfSignatureVerifier verifier, AuditLog audit) {
        this(policy, transfer, bytes -> {
            DocumentReport report = verifier.verify(bytes);
            return new Verified(report, ReportJson.tree(report));
        }, "vgca.VerifyPDF", audit);
    }

    private VgcaVerifyPdf(UrlPolicy policy, DocumentTransfer transfer, Function<byte[], Verified> verifier,
                          String act, AuditLog audit) {
        this.policy = policy;
        this.transfer = transfer;
        this.verifier = verifier;
        this.act = act;
        this.audit = audit;
    }

    /** VerifyXML: XMLDSig and XAdES (an e-invoice's signatures with what they cover). */
    public static VgcaVerifyPdf forXml(UrlPolicy policy, DocumentTransfer transfer, XmlSignatureVerifier verifier,
                                       AuditLog audit) {
        return new VgcaVerifyPdf(policy, transfer, bytes -> {
            XmlDocumentReport report = verifier.verify(bytes);
            return new Verified(report.report(), ReportJson.tree(report));
        }, "vgca.VerifyXML", audit);
    }

    public VerifyResult verify(Optional<String> origin, VerifyJob job) {
        String hash = "";
        String name = "from " + UrlPolicy.hostOf(String.valueOf(job.fileName()));
        try {
            URI source = policy.check(job.fileName(), origin);
            byte[] pdf = transfer.download(source, new Credentials(job.sessionId(), job.jwtToken()));
            hash = VgcaFileJob.sha256(pdf);
            Verified verified = verifier.apply(pdf);
            DocumentReport report = verified.report();
            audit.append(new AuditRecord(origin.orElse("local program"), act, name, hash, "", "",
                    report.indication().name()));
            return result(report, verified.json(), VgcaFileJob.nameOf(source));
        } catch (KysoException e) {
            audit.append(new AuditRecord(origin.orElse("local program"), act, name, hash, "", "", e.code()));
            return new VerifyResult(VgcaMessages.FAILED, e.messageVi(), null, null, null, e.code(), e.messageEn());
        }
    }

    /** The validation result: Status 0 only when there is a signature and every one passed. */
    static VerifyResult result(DocumentReport report, JsonNode json, String fileName) {
        boolean valid = report.indication() == Indication.TOTAL_PASSED && !report.signatures().isEmpty();
        String verdict = report.signatures().isEmpty() ? "Văn bản không có chữ ký số"
                : report.indication().text(Language.VI);
        return new VerifyResult(valid ? VgcaMessages.OK : VgcaMessages.FAILED, verdict, fileName,
                report.signatures().stream().map(VgcaVerifyPdf::status).toList(), json, null,
                report.signatures().isEmpty() ? "The document has no signature" : report.indication().text(Language.EN));
    }

    private static SignatureStatus status(SignatureReport s) {
        return new SignatureStatus(s.signer() == null ? null : s.signer().name(),
                s.signer() == null ? null : s.signer().organisation(),
                s.signingTime() == null || s.signingTime().time() == null ? null
                        : StampTime.iso(s.signingTime().time()),
                s.indication() == Indication.TOTAL_PASSED, s.indication().name(),
                s.subIndication() == null ? null : s.subIndication().name(), s.reason());
    }
}
