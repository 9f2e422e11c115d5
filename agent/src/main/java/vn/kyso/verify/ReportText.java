package vn.kyso.verify;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The readable report, Vietnamese by default; times shown in Vietnam's time zone (UTC+7). */
public final class ReportText {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss 'UTC+7'")
            .withZone(VIETNAM);

    private ReportText() {
    }

    public static String render(DocumentReport report) {
        return render(report, Language.VI);
    }

    public static String render(DocumentReport report, Language lang) {
        boolean vi = lang == Language.VI;
        StringBuilder out = new StringBuilder();
        out.append(vi ? "Kết quả kiểm tra văn bản: " : "Document verification result: ")
                .append(report.indication().text(lang)).append('\n');
        if (report.error() != null) {
            String message = vi ? report.error().messageVi() : report.error().messageEn();
            out.append("  ").append(report.error().code()).append(": ")
                    .append(message.replace("{0}", String.valueOf(report.errorDetail()))).append('\n');
        }
        int n = 0;
        for (SignatureReport s : report.signatures()) {
            n++;
            out.append('\n').append(s.documentTimestamp() ? (vi ? "Dấu thời gian văn bản " : "Document timestamp ")
                    : (vi ? "Chữ ký " : "Signature ")).append(n).append(" (").append(s.fieldName()).append("): ")
                    .append(s.indication().text(lang)).append('\n');
            if (s.subIndication() != null) {
                String message = vi ? s.subIndication().messageVi() : s.subIndication().messageEn();
                out.append("  ").append(s.subIndication().code()).append(": ")
                        .append(message.replace("{0}", String.valueOf(s.reason()))).append('\n');
            }
            if (s.signer() != null) {
                line(out, vi ? "Người ký" : "Signer", s.signer().name());
                line(out, vi ? "Cơ quan, tổ chức" : "Organisation", s.signer().organisation());
                line(out, vi ? "Loại chứng thư số" : "Certificate type",
                        s.signer().certificateType() == CertificateType.ORGANISATION
                                ? (vi ? "tổ chức (con dấu)" : "organisation (seal)")
                                : (vi ? "cá nhân" : "personal"));
                line(out, vi ? "Tổ chức cấp" : "Issuer", s.signer().issuer());
            }
            if (s.signingTime() != null) {
                String source = switch (s.signingTime().source()) {
                    case TIMESTAMP -> vi ? "theo dấu thời gian" : "from the timestamp";
                    case CLAIMED -> vi ? "do người ký tự khai" : "claimed by the signer";
                    case VERIFICATION_TIME -> vi ? "không có dấu thời gian, tính tại lúc kiểm tra"
                            : "no timestamp, taken at verification";
                };
                line(out, vi ? "Thời điểm ký" : "Signing time", time(s.signingTime().time()) + " (" + source + ")");
                if (s.signingTime().claimed() != null) {
                    line(out, vi ? "Thời điểm người ký tự khai" : "Claimed signing time",
                            time(s.signingTime().claimed()));
                }
                if (s.signingTime().localTimeSkew()) {
                    line(out, vi ? "Lưu ý" : "Note", vi ? "giờ tự khai lệch +7 giờ (ghi giờ Việt Nam như giờ UTC)"
                            : "claimed time is +7 h off (Vietnam local time written as UTC)");
                }
            }
            line(out, vi ? "Toàn vẹn nội dung" : "Integrity", integrity(s, vi));
            line(out, vi ? "Tình trạng chứng thư số" : "Certificate status",
                    s.revocation().status() + " / " + s.revocation().source());
            if (s.timestamp() != null) {
                line(out, vi ? "Dấu thời gian" : "Timestamp", time(s.timestamp().time()) + ", "
                        + s.timestamp().tsaName() + (s.timestamp().valid() ? "" : " — " + s.timestamp().problem()));
            }
            line(out, vi ? "Mức chữ ký" : "Level", s.level().name().replace("PADES_", "PAdES ").replace("CADES_", "CAdES ").replace('_', '-'));
            for (Change c : s.changesAfter()) {
                line(out, vi ? "Thay đổi sau khi ký" : "Changed after signing", c.kind().text(lang) + " — "
                        + c.where() + (c.allowed() ? (vi ? " (được phép)" : " (allowed)")
                        : (vi ? " (KHÔNG được phép)" : " (NOT allowed)")));
            }
            for (String warning : s.warnings()) {
                line(out, vi ? "Ghi chú" : "Note", warning);
            }
        }
        return out.toString();
    }

    private static String integrity(SignatureReport s, boolean vi) {
        SubIndication sub = s.subIndication();
        if (sub == SubIndication.HASH_FAILURE || sub == SubIndication.SIG_CRYPTO_FAILURE
                || sub == SubIndication.FORMAT_FAILURE) {
            return vi ? "nội dung đã ký bị thay đổi hoặc chữ ký hỏng" : "signed content altered or signature broken";
        }
        if (s.modifiedAfterSigning()) {
            return vi ? "văn bản bị sửa đổi sau khi ký" : "modified after signing";
        }
        return vi ? "nguyên vẹn" : "intact";
    }

    private static void line(StringBuilder out, String label, String value) {
        if (value != null) {
            out.append("  ").append(label).append(": ").append(value).append('\n');
        }
    }

    private static String time(Instant instant) {
        return instant == null ? "-" : TIME.format(instant);
    }
}
