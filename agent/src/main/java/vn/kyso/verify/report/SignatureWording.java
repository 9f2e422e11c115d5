package vn.kyso.verify.report;

import static vn.kyso.verify.report.ReportWording.pick;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import vn.kyso.errors.Language;
import vn.kyso.verify.Change;
import vn.kyso.verify.RevocationInfo;
import vn.kyso.verify.RevocationSource;
import vn.kyso.verify.RevocationStatus;
import vn.kyso.verify.SignatureReport;
import vn.kyso.verify.SigningTime;
import vn.kyso.verify.SubIndication;
import vn.kyso.verify.TimeSource;
import vn.kyso.verify.TimestampInfo;

/** The rows of one signature, in the order a văn thư checks them: who, when, intact, certificate, evidence. */
final class SignatureWording {

    /** RevocationCheck's detail: "… was revoked at 2025-01-01T00:00:00Z …(ONLINE_OCSP)". */
    private static final Pattern REVOKED_AT = Pattern.compile("revoked at (\\S+?)[,\\s]");
    private static final Pattern SOURCE = Pattern.compile("\\((EMBEDDED_OCSP|EMBEDDED_CRL|ONLINE_OCSP|ONLINE_CRL)\\)");

    private final SignatureReport s;
    private final Language lang;

    private SignatureWording(SignatureReport s, Language lang) {
        this.s = s;
        this.lang = lang;
    }

    static ReadableSignature of(SignatureReport s, int number, Language lang) {
        return new SignatureWording(s, lang).readable(number);
    }

    private ReadableSignature readable(int number) {
        String title = (s.documentTimestamp() ? pick(lang, "Dấu thời gian văn bản ", "Document timestamp ")
                : pick(lang, "Chữ ký ", "Signature ")) + number
                + (s.fieldName() == null ? "" : pick(lang, " (ô ", " (field ") + s.fieldName() + ")");
        List<ReadableSignature.Row> rows = new ArrayList<>();
        if (s.subIndication() != null) {
            row(rows, "Lý do", "Reason", reason());
        }
        if (!s.documentTimestamp()) {
            if (s.signer() == null) {
                // One row says it: repeating "unknown" for organisation and type adds nothing.
                row(rows, "Người ký", "Signer", unknownSigner());
            } else {
                row(rows, "Người ký", "Signer", orUnknown(s.signer().name()));
                row(rows, "Cơ quan", "Organisation", orUnknown(s.signer().organisation()));
                row(rows, "Loại chứng thư", "Certificate type",
                        ReportWording.certificateType(s.signer().certificateType(), lang));
                if (s.signer().issuer() != null) {
                    row(rows, "Tổ chức cấp chứng thư", "Issued by", commonName(s.signer().issuer()));
                }
            }
            row(rows, "Thời điểm ký", "Signing time", signingTime());
        }
        row(rows, "Toàn vẹn", "Integrity", integrity());
        if (!s.documentTimestamp()) {
            row(rows, "Tình trạng chứng thư", "Certificate status", certificateStatus());
        }
        row(rows, "Dấu thời gian", "Timestamp", timestamp());
        if (!s.documentTimestamp()) {
            row(rows, "Mức chữ ký", "Signature level", ReportWording.level(s.level(), lang));
            for (var gap : s.levelGaps()) {
                row(rows, "Vì sao chưa đạt mức cao hơn", "Why not a higher level", gap.text(lang));
            }
        }
        row(rows, "Thay đổi sau khi ký", "Changes after signing", changes());
        for (String warning : s.warnings()) {
            if (!Warnings.saidInSigningTime(warning)) {
                row(rows, "Ghi chú", "Note", Warnings.text(warning, lang));
            }
        }
        return new ReadableSignature(title, s.indication(), s.indication().text(lang), rows);
    }

    private void row(List<ReadableSignature.Row> rows, String vi, String en, String value) {
        rows.add(new ReadableSignature.Row(pick(lang, vi, en), value));
    }

    /** "<sentence>. (mã lỗi: CODE; chi tiết: …)": the sentence for the văn thư, the code and detail for IT. */
    private String reason() {
        SubIndication sub = s.subIndication();
        String detail = sub == SubIndication.MODIFIED_AFTER_SIGNING ? null : Technical.clean(s.reason(), lang);
        String sentence = ReportWording.shortReason(sub, lang);
        return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1) + ". ("
                + pick(lang, "mã lỗi: ", "code: ") + sub.code()
                + (detail == null ? "" : pick(lang, "; chi tiết: ", "; detail: ") + detail) + ")";
    }

    private String unknownSigner() {
        return pick(lang, "không xác định được (không đọc được chứng thư của người ký)",
                "unknown (the signer's certificate cannot be read)");
    }

    private String orUnknown(String value) {
        return value == null ? pick(lang, "không ghi trong chứng thư", "not stated in the certificate") : value;
    }

    private String signingTime() {
        SigningTime t = s.signingTime();
        if (t == null) {
            return pick(lang, "chưa xác định được (chữ ký không đạt ở bước kiểm tra trước)",
                    "not established (the signature failed an earlier check)");
        }
        String text;
        if (t.source() == TimeSource.TIMESTAMP) {
            text = ReportTime.format(t.time()) + pick(lang, " — theo dấu thời gian", " — from the timestamp");
        } else if (t.claimed() != null) {
            text = ReportTime.format(t.claimed()) + pick(lang,
                    " — do người ký khai, không có dấu thời gian chứng thực",
                    " — claimed by the signer, no timestamp proves it");
        } else if (t.source() == TimeSource.CLAIMED) {
            text = ReportTime.format(t.time()) + pick(lang, " — do người ký khai", " — claimed by the signer");
        } else {
            text = pick(lang, "không rõ (không có dấu thời gian, người ký không khai)",
                    "unknown (no timestamp and no claimed time)");
        }
        if (t.localTimeSkew() && t.claimed() != null) {
            text += pick(lang, "; giờ người ký khai (" + ReportTime.format(t.claimed())
                            + ") lệch +7 giờ: máy người ký ghi giờ Việt Nam như giờ UTC",
                    "; the claimed time (" + ReportTime.format(t.claimed())
                            + ") is 7 h ahead: the signer wrote Vietnam time as UTC");
        }
        return text;
    }

    private String integrity() {
        SubIndication sub = s.subIndication();
        if (sub == SubIndication.HASH_FAILURE || sub == SubIndication.SIG_CRYPTO_FAILURE) {
            return pick(lang, "KHÔNG — nội dung đã ký bị thay đổi hoặc chữ ký bị hỏng",
                    "NO — the signed content was altered or the signature is broken");
        }
        if (sub == SubIndication.FORMAT_FAILURE || sub == SubIndication.SIGNED_DATA_NOT_FOUND
                || (sub == SubIndication.NO_SIGNING_CERTIFICATE_FOUND && s.signer() == null)) {
            return pick(lang, "không kiểm tra được — chữ ký sai định dạng hoặc thiếu dữ liệu",
                    "cannot be checked — the signature is malformed or incomplete");
        }
        if (s.modifiedAfterSigning()) {
            return pick(lang, "KHÔNG — văn bản bị sửa đổi sau khi ký (xem dòng thay đổi)",
                    "NO — the document was modified after signing (see changes)");
        }
        return pick(lang, "nguyên vẹn — nội dung đã ký không bị thay đổi",
                "intact — the signed content is unchanged");
    }

    private String certificateStatus() {
        RevocationInfo r = s.revocation();
        SubIndication sub = s.subIndication();
        if (sub == SubIndication.REVOKED || sub == SubIndication.REVOKED_NO_POE) {
            return revoked(revokedAt(), sourceFromReason());
        }
        if (r.status() == RevocationStatus.REVOKED) {
            return revoked(r.revocationTime(), r.source());
        }
        if (r.status() == RevocationStatus.GOOD) {
            return pick(lang, "còn hiệu lực (chưa bị thu hồi) tại thời điểm ký", "valid (not revoked) at the signing time")
                    + evidence(r.source(), r.evidenceTime());
        }
        String why;
        if (sub == SubIndication.TRY_LATER) {
            why = pick(lang, "không có dữ liệu thu hồi nhúng trong văn bản và không hỏi được máy chủ OCSP/CRL",
                    "no revocation data in the document and the OCSP/CRL servers could not be reached");
            String detail = Technical.clean(r.detail() != null ? r.detail() : s.reason(), lang);
            if (detail != null) {
                why += " (" + detail + ")";
            }
        } else if (sub != null) {
            why = pick(lang, "chưa kiểm tra vì chữ ký không đạt ở bước kiểm tra trước",
                    "not checked because the signature failed an earlier check");
        } else {
            why = r.detail() != null ? Technical.clean(r.detail(), lang)
                    : pick(lang, "không có thông tin thu hồi cho chứng thư này", "no revocation data for this certificate");
        }
        return pick(lang, "không kiểm tra được — ", "cannot be checked — ") + why;
    }

    private String revoked(Instant at, RevocationSource source) {
        String when = at == null ? "" : pick(lang, " lúc ", " at ") + ReportTime.format(at);
        return pick(lang, "ĐÃ BỊ THU HỒI", "Revoked") + when + (source == null ? "" : evidence(source, null));
    }

    private String evidence(RevocationSource source, Instant evidenceTime) {
        if (source == RevocationSource.NONE) {
            return "";
        }
        return pick(lang, "; nguồn: ", "; source: ") + ReportWording.source(source, lang)
                + (evidenceTime == null ? "" : pick(lang, ", cập nhật lúc ", ", issued at ")
                + ReportTime.format(evidenceTime));
    }

    /**
     * The revocation time when the verifier refused a revoked certificate: its report keeps the time only in the
     * detail text (the revocation record stays "not checked" when the check throws), so it is read back from there.
     */
    private Instant revokedAt() {
        if (s.reason() == null) {
            return null;
        }
        Matcher m = REVOKED_AT.matcher(s.reason() + " ");
        try {
            return m.find() ? Instant.parse(m.group(1)) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private RevocationSource sourceFromReason() {
        Matcher m = s.reason() == null ? null : SOURCE.matcher(s.reason());
        return m != null && m.find() ? RevocationSource.valueOf(m.group(1)) : null;
    }

    private String timestamp() {
        TimestampInfo t = s.timestamp();
        if (t == null) {
            if (s.subIndication() == SubIndication.TIMESTAMP_INVALID) {
                return pick(lang, "KHÔNG hợp lệ — không đọc được dấu thời gian", "NOT valid — unreadable timestamp");
            }
            return pick(lang, "không có", "none");
        }
        String when = t.time() == null ? "" : ", " + ReportTime.format(t.time());
        if (t.valid()) {
            return pick(lang, "hợp lệ", "valid") + when
                    + (t.tsaName() == null ? "" : pick(lang, ", do ", ", issued by ") + t.tsaName()
                    + pick(lang, " cấp", ""))
                    + (t.tsaRevocationSource() == null || t.tsaRevocationSource() == RevocationSource.NONE ? ""
                    : pick(lang, "; tình trạng chứng thư TSA theo ", "; TSA certificate status from ")
                    + ReportWording.source(t.tsaRevocationSource(), lang));
        }
        String problem = Technical.clean(t.problem(), lang);
        return pick(lang, "KHÔNG hợp lệ", "NOT valid") + when + (problem == null ? "" : " (" + problem + ")");
    }

    private String changes() {
        if (s.changesAfter().isEmpty()) {
            return pick(lang, "không có", "none");
        }
        List<String> parts = new ArrayList<>();
        for (Change c : s.changesAfter()) {
            parts.add(c.kind().text(lang) + " (" + where(c.where()) + ") — " + (c.allowed()
                    ? pick(lang, "được phép", "allowed") : pick(lang, "KHÔNG được phép", "NOT allowed")));
        }
        return String.join("; ", parts);
    }

    /** ChangeAnalyzer writes "page 2" or "page 2 (widget)"; anything else is a field name or an error text. */
    private String where(String where) {
        if (where == null) {
            return "-";
        }
        if (lang == Language.EN) {
            return where;
        }
        return where.replaceFirst("^page (\\d+)", "trang $1").replace("(widget)", "(ô biểu mẫu)");
    }

    /** The CN of an issuer DN ("CN=CA phục vụ các cơ quan Nhà nước G2, O=…"), or the DN when it has none. */
    private static String commonName(String dn) {
        try {
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException | IllegalArgumentException e) {
            return dn;
        }
        return dn;
    }

}
