package vn.kyso.json;

import vn.kyso.errors.EnumErrorCode;
import vn.kyso.errors.ErrorText;

/** Errors of the JSON (JWS / JAdES) engine. Codes are stable API and reach the js-client unchanged. */
public enum JsonSignatureError implements EnumErrorCode {
    JSON_TOO_LARGE(
            "Dữ liệu JSON/JWS quá lớn: {0} byte, tối đa {1} byte.",
            "The JSON/JWS data is too large: {0} bytes, at most {1} bytes."),
    JSON_INVALID(
            "Dữ liệu không phải JSON hợp lệ: {0}",
            "The data is not valid JSON: {0}"),
    JWS_UNREADABLE(
            "Chữ ký JWS không đúng định dạng: {0}",
            "The JWS signature is not well formed: {0}"),
    JWS_ALGORITHM_NOT_ALLOWED(
            "Thuật toán chữ ký JWS {0} không được chấp nhận (chỉ RS, PS, ES với SHA-256/384/512).",
            "The JWS algorithm {0} is not accepted (only RS, PS and ES with SHA-256/384/512)."),
    JWS_LEVEL_NEEDS_JSON_SERIALIZATION(
            "Mức {0} cần tiêu đề không bảo vệ etsiU, chỉ có ở dạng JSON (flattened), không có ở dạng compact.",
            "Level {0} needs the unprotected etsiU header, which only the flattened JSON serialization has, not the compact one."),
    JADES_TIMESTAMP_UNAVAILABLE(
            "Không lấy được dấu thời gian cho chữ ký JAdES mức B-T: {0}",
            "No signature time-stamp could be obtained for a JAdES B-T signature: {0}"),
    JWS_ALGORITHM_NOT_OFFERED(
            "Khóa của người ký không ký được theo thuật toán JWS {0}.",
            "The signer's key cannot sign with the JWS algorithm {0}.");

    private final ErrorText text;

    JsonSignatureError(String messageVi, String messageEn) {
        this.text = new ErrorText(messageVi, messageEn);
    }

    @Override
    public ErrorText text() {
        return text;
    }
}
