package vn.kyso.verify.report;

import java.util.Locale;

import vn.kyso.verify.CertificateType;
import vn.kyso.verify.Language;
import vn.kyso.verify.RevocationSource;
import vn.kyso.verify.RevocationStatus;
import vn.kyso.verify.SignatureLevel;
import vn.kyso.verify.SubIndication;
import vn.kyso.verify.TimeSource;
import vn.kyso.verify.VerifyError;

/** Words for the report model's codes, Vietnamese and English; never a raw enum name. */
final class Wording {

    private Wording() {
    }

    static String pick(Language lang, String vi, String en) {
        return lang == Language.VI ? vi : en;
    }

    static String source(RevocationSource source, Language lang) {
        return switch (source) {
            case EMBEDDED_OCSP -> pick(lang, "OCSP nhúng trong văn bản", "OCSP response embedded in the document");
            case EMBEDDED_CRL -> pick(lang, "CRL nhúng trong văn bản", "CRL embedded in the document");
            case ONLINE_OCSP -> pick(lang, "OCSP trực tuyến", "online OCSP");
            case ONLINE_CRL -> pick(lang, "CRL trực tuyến", "online CRL");
            case NONE -> pick(lang, "không có", "none");
        };
    }

    static String status(RevocationStatus status, Language lang) {
        return switch (status) {
            case GOOD -> pick(lang, "còn hiệu lực", "valid (not revoked)");
            case REVOKED -> pick(lang, "đã bị thu hồi", "revoked");
            case UNKNOWN -> pick(lang, "không rõ", "unknown");
            case NOT_CHECKED -> pick(lang, "chưa kiểm tra", "not checked");
        };
    }

    static String level(SignatureLevel level, Language lang) {
        return switch (level) {
            case NONE -> pick(lang, "không đạt mức PAdES nào", "no PAdES level reached");
            case PADES_B_B -> pick(lang, "PAdES B-B (cơ bản, không có dấu thời gian)", "PAdES B-B (basic, no timestamp)");
            case PADES_B_T -> pick(lang, "PAdES B-T (có dấu thời gian)", "PAdES B-T (with a timestamp)");
            case PADES_B_LT -> pick(lang, "PAdES B-LT (kèm dữ liệu kiểm tra dài hạn)",
                    "PAdES B-LT (with long-term validation data)");
            case PADES_B_LTA -> pick(lang, "PAdES B-LTA (lưu trữ dài hạn, có dấu thời gian văn bản)",
                    "PAdES B-LTA (long-term archival, with a document timestamp)");
            case CADES_B_B -> pick(lang, "CAdES B-B (chữ ký tách rời, không có dấu thời gian)",
                    "CAdES B-B (detached signature, no timestamp)");
            case CADES_B_T -> pick(lang, "CAdES B-T (chữ ký tách rời, có dấu thời gian)",
                    "CAdES B-T (detached signature with a timestamp)");
            case JWS -> pick(lang, "JWS (chữ ký JSON, không có thuộc tính JAdES)", "JWS (JSON signature, no JAdES properties)");
            case JADES_B_B -> pick(lang, "JAdES B-B (chữ ký JSON, không có dấu thời gian)",
                    "JAdES B-B (JSON signature, no timestamp)");
            case JADES_B_T -> pick(lang, "JAdES B-T (chữ ký JSON, có dấu thời gian)",
                    "JAdES B-T (JSON signature with a timestamp)");
            case JADES_B_LT -> pick(lang, "JAdES B-LT (chữ ký JSON kèm dữ liệu kiểm tra dài hạn)",
                    "JAdES B-LT (JSON signature with long-term validation data)");
        };
    }

    static String timeSource(TimeSource source, Language lang) {
        return switch (source) {
            case TIMESTAMP -> pick(lang, "theo dấu thời gian", "from the timestamp");
            case CLAIMED -> pick(lang, "do người ký khai", "claimed by the signer");
            case VERIFICATION_TIME -> pick(lang, "thời điểm kiểm tra", "the time of checking");
        };
    }

    static String certificateType(CertificateType type, Language lang) {
        return switch (type) {
            case PERSONAL -> pick(lang, "cá nhân", "personal");
            case ORGANISATION -> pick(lang, "tổ chức (con dấu)", "organisation (seal)");
        };
    }

    /**
     * The sub-indication's own sentence without its detail placeholder, in lower case to follow a colon:
     * "nội dung đã ký bị thay đổi (giá trị băm không khớp)". Derived from the enum so new codes read well too.
     */
    static String shortReason(SubIndication sub, Language lang) {
        return sentence(pick(lang, sub.messageVi(), sub.messageEn()), null);
    }

    static String documentError(VerifyError error, String detail, Language lang) {
        return sentence(pick(lang, error.messageVi(), error.messageEn()), Technical.clean(detail, lang));
    }

    /** What to do next when a signature is not valid, beyond accepting or refusing. */
    static String advice(SubIndication sub, Language lang) {
        if (sub == null) {
            return null;
        }
        return switch (sub) {
            case TRY_LATER -> pick(lang, "kiểm tra lại khi máy có kết nối mạng",
                    "check again when the computer is online");
            case NO_CERTIFICATE_CHAIN_FOUND -> pick(lang,
                    "nếu nơi gửi dùng chứng thư của Ban Cơ yếu Chính phủ hoặc tổ chức chứng thực công cộng, "
                            + "đề nghị bộ phận CNTT cài đặt chứng thư gốc rồi kiểm tra lại",
                    "if the sender uses a government or public CA certificate, ask IT to install its root and "
                            + "check again");
            case REVOKED_NO_POE, OUT_OF_BOUNDS_NO_POE, OUT_OF_BOUNDS_NOT_REVOKED -> pick(lang,
                    "đề nghị nơi gửi ký lại bằng chứng thư còn hiệu lực, có dấu thời gian",
                    "ask the sender to sign again with a valid certificate and a timestamp");
            default -> pick(lang, "đề nghị nơi gửi kiểm tra và gửi lại văn bản",
                    "ask the sender to check and send the document again");
        };
    }

    /** "Message: {0}" → "message (detail)"; a detail-less message loses its colon and final full stop. */
    private static String sentence(String message, String detail) {
        String text = message.replace(": {0}", "").replace("{0}", "").strip();
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        text = text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
        return detail == null ? text : text + " (" + detail + ")";
    }
}
