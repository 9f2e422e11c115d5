package vn.kyso.verify.report;

import java.util.Locale;

import vn.kyso.errors.Language;
import vn.kyso.verify.CertificateType;
import vn.kyso.verify.RevocationSource;
import vn.kyso.verify.RevocationStatus;
import vn.kyso.verify.SignatureLevel;
import vn.kyso.verify.SubIndication;
import vn.kyso.verify.TimeSource;
import vn.kyso.verify.VerifyError;

/** Words for the report model's codes, Vietnamese and English; never a raw enum name. */
final class ReportWording {

    private ReportWording() {
    }

    static String pick(Language lang, String vi, String en) {
        return lang.pick(vi, en);
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

    /** The level by the name EU DSS prints, then what it means in the reader's words. */
    static String level(SignatureLevel level, Language lang) {
        String meaning = switch (level) {
            case NONE -> pick(lang, "không xác định được định dạng chữ ký", "the signature format cannot be read");
            case PDF_NOT_ETSI, CMS_NOT_ETSI -> pick(lang, "không theo chuẩn ETSI (PAdES/CAdES)",
                    "not an ETSI (PAdES/CAdES) signature");
            case JSON_NOT_ETSI -> pick(lang, "chữ ký JSON (JWS) không có thuộc tính JAdES, không theo chuẩn ETSI",
                    "JSON signature (JWS) without JAdES properties, not an ETSI signature");
            case PADES_BES, PADES_EPES, CADES_BES -> pick(lang, "theo chuẩn ETSI mở rộng, không phải mức cơ sở (baseline)",
                    "extended ETSI format, not a baseline level");
            case PADES_LTV -> pick(lang, "PAdES mở rộng kèm dữ liệu kiểm tra và dấu thời gian văn bản",
                    "extended PAdES with validation data and a document timestamp");
            case XML_NOT_ETSI -> pick(lang, "chữ ký XML W3C (XMLDSig, như hóa đơn điện tử), không theo chuẩn ETSI",
                    "a W3C XML signature (XMLDSig, as on e-invoices), not an ETSI one");
            case PKCS7_B, PADES_B_B, CADES_B_B, XADES_B_B, JADES_B_B -> pick(lang, "cơ bản, không có dấu thời gian", "basic, no timestamp");
            case PKCS7_T, PADES_B_T, CADES_B_T, XADES_B_T, JADES_B_T -> pick(lang, "có dấu thời gian", "with a timestamp");
            case PKCS7_LT, PADES_B_LT, CADES_B_LT, XADES_B_LT, JADES_B_LT -> pick(lang, "kèm dữ liệu kiểm tra dài hạn",
                    "with long-term validation data");
            case PKCS7_LTA, PADES_B_LTA, CADES_B_LTA, XADES_B_LTA, JADES_B_LTA -> pick(lang, "lưu trữ dài hạn, có dấu thời gian lưu trữ",
                    "long-term archival, with an archive timestamp");
        };
        return level == SignatureLevel.NONE ? meaning : level.etsiName() + " (" + meaning + ")";
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
