package vn.kyso.vgca;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import vn.kyso.errors.KysoException;
import vn.kyso.pdf.SignatureAppearance;
import vn.kyso.pdf.appearance.CopyForm;
import vn.kyso.pdf.appearance.DocumentNumber;
import vn.kyso.pdf.appearance.IssueDate;
import vn.kyso.pdf.appearance.Presets;
import vn.kyso.pdf.appearance.SealTarget;
import vn.kyso.pdf.appearance.SignerBlock;
import vn.kyso.request.RequestError;
import vn.kyso.token.CertificateEntry;
import vn.kyso.vgca.VgcaMessages.FileJob;

/**
 * The stamp each legacy operation gets, from the presets of Nghị định 30/2020. The old service let the person drag
 * the image onto the page; this agent places it by the document's own text, so a few placement hints come as
 * {@code MetaData} keys (see docs/vgca-migration.md): {@code TitleLine}, {@code NameLine}, {@code DateLabel},
 * {@code NumberLabel}, {@code Organisation}, {@code CopyForm}, {@code Comment}.
 */
public final class LegacyAppearance {

    /** The stamp, and what the reply echoes for SignIssued. */
    public record Stamp(SignatureAppearance appearance, String reason, String documentNumber, String documentDate) {
    }

    private static final double SEAL_WIDTH_MM = 36;

    private LegacyAppearance() {
    }

    /** Everything is checked here, before the document is downloaded: a job that cannot be stamped costs no I/O. */
    public static Stamp of(VgcaOperation operation, FileJob job, CertificateEntry certificate, StampImages images,
                           Instant signingTime) {
        return switch (operation) {
            case SignApproved -> {
                String title = hint(job, "TitleLine", operation);
                String name = job.meta("NameLine") != null ? job.meta("NameLine")
                        : SigningCertificates.commonName(certificate);
                // Without a configured signature image the official still approves, with a text stamp.
                yield new Stamp(images.signature() == null
                        ? Presets.approveWithText(title, name, SigningCertificates.commonName(certificate), title,
                                signingTime)
                        : Presets.approve(images.signature(operation), title, name), operation.actVi(), null, null);
            }
            case SignIssued -> {
                String number = required(job.docNumber(), "DocNumber");
                IssueDate date = new IssueDate(issueDate(job.issuedDate(), signingTime), job.meta("DateLabel"));
                yield new Stamp(Presets.issue(images.seal(operation), SEAL_WIDTH_MM, new SealTarget.LatestSignature(),
                        List.of(new DocumentNumber(number, job.meta("NumberLabel")), date)),
                        operation.actVi(), number, date.text());
            }
            case SignCopy -> new Stamp(Presets.copy(copyForm(job.meta("CopyForm")), organisation(job, certificate),
                    job.docNumber(), job.meta("Place"), job.issuedDate() == null || job.issuedDate().isBlank() ? null
                            : issueDate(job.issuedDate(), signingTime), signingTime), operation.actVi(), null, null);
            case SignAppendix -> new Stamp(Presets.attachment(required(job.docNumber(), "DocNumber"), signingTime),
                    operation.actVi(), null, null);
            // Văn bản đến: the "ĐẾN" stamp with the số đến (DocNumber) and where it goes next (MetaData Chuyen).
            case SignIncome -> new Stamp(Presets.incoming(organisation(job, certificate), job.docNumber(),
                    signingTime, job.meta("Chuyen")), operation.actVi(), null, null);
            case Comment -> new Stamp(Presets.signerInfo(new SignerBlock(SigningCertificates.commonName(certificate),
                    SigningCertificates.email(certificate), SigningCertificates.organisation(certificate),
                    signingTime)), job.meta("Comment") != null ? job.meta("Comment") : operation.actVi(), null, null);
        };
    }

    /** The page's IssuedDate (dd/MM/yyyy, yyyy-MM-dd or written out), or today in Vietnam. */
    static LocalDate issueDate(String given, Instant signingTime) {
        try {
            return IssueDate.parse(given, signingTime);
        } catch (IllegalArgumentException e) {
            throw new KysoException(RequestError.INVALID_PARAMS, Map.of("param", "IssuedDate"), null, e.getMessage());
        }
    }

    private static String organisation(FileJob job, CertificateEntry certificate) {
        if (job.meta("Organisation") != null) {
            return job.meta("Organisation");
        }
        String o = SigningCertificates.organisation(certificate);
        return o != null ? o : SigningCertificates.commonName(certificate);
    }

    private static CopyForm copyForm(String value) {
        if (value == null) {
            return CopyForm.SAO_Y;
        }
        try {
            return CopyForm.valueOf(value.trim());
        } catch (IllegalArgumentException e) {
            throw new KysoException(RequestError.INVALID_PARAMS, Map.of("param", "CopyForm"), null,
                    "MetaData CopyForm must be SAO_Y, SAO_LUC or TRICH_SAO");
        }
    }

    private static String hint(FileJob job, String key, VgcaOperation operation) {
        String value = job.meta(key);
        if (value == null) {
            throw new KysoException(VgcaError.PLACEMENT_UNKNOWN, Map.of("key", key), null, operation.actVi(), key);
        }
        return value;
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new KysoException(RequestError.INVALID_PARAMS, Map.of("param", name), null, name + " is required");
        }
        return value.trim();
    }
}
