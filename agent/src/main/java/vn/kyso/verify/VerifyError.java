package vn.kyso.verify;

import vn.kyso.errors.EnumErrorCode;
import vn.kyso.errors.ErrorText;

/** Why a whole document could not be verified at all (as opposed to one of its signatures failing). */
public enum VerifyError implements EnumErrorCode {
    DOCUMENT_UNREADABLE(
            "Không đọc được tệp PDF: {0}",
            "The PDF file cannot be read: {0}"),
    DOCUMENT_ENCRYPTED(
            "Tệp PDF được mã hóa bằng mật khẩu mở tệp: {0}",
            "The PDF file is encrypted with an open password: {0}"),
    NO_SIGNATURE(
            "Tệp PDF không có chữ ký số nào.",
            "The PDF file carries no digital signature."),
    CMS_UNREADABLE(
            "Không đọc được chữ ký CMS (tách rời): {0}",
            "The detached CMS signature cannot be read: {0}"),
    JWS_UNREADABLE(
            "Chữ ký JWS không đúng định dạng: {0}",
            "The JWS signature is not well formed: {0}"),
    JWS_ALGORITHM_NOT_ALLOWED(
            "Thuật toán chữ ký JWS {0} không được chấp nhận (chỉ RS, PS, ES với SHA-256/384/512).",
            "The JWS algorithm {0} is not accepted (only RS, PS and ES with SHA-256/384/512)."),
    JSON_TOO_LARGE(
            "Dữ liệu JSON/JWS quá lớn: {0}",
            "The JSON/JWS data is too large: {0}"),
    XML_UNREADABLE(
            "Không đọc được tệp XML: {0}",
            "The XML document cannot be read: {0}"),
    XML_NO_SIGNATURE(
            "Tệp XML không có chữ ký số nào (ds:Signature).",
            "The XML document carries no digital signature (ds:Signature).");

    private final ErrorText text;

    VerifyError(String messageVi, String messageEn) {
        this.text = new ErrorText(messageVi, messageEn);
    }

    @Override
    public ErrorText text() {
        return text;
    }
}
