package vn.kyso.token;

import vn.kyso.errors.EnumErrorCode;
import vn.kyso.errors.ErrorText;

/** Errors of the token layer. Codes are stable API: the agent protocol and the js-client expose them as they are. */
public enum TokenError implements EnumErrorCode {
    DRIVER_NOT_FOUND(
            "Không tìm thấy trình điều khiển (thư viện PKCS#11) của thiết bị ký số. Hãy cài driver của token.",
            "No token driver (PKCS#11 library) was found. Install the token's driver."),
    DRIVER_LOAD_FAILED(
            "Không nạp được trình điều khiển token {0}: {1}",
            "The token driver {0} could not be loaded: {1}"),
    TOKEN_NOT_PRESENT(
            "Không tìm thấy token. Hãy cắm thiết bị ký số vào máy.",
            "No token found. Plug in the signing token."),
    TOKEN_REMOVED(
            "Token đã bị rút ra trong khi đang thực hiện. Hãy cắm lại và thử lại.",
            "The token was removed during the operation. Plug it in again and retry."),
    TOKEN_BUSY(
            "Token đang bận với một yêu cầu khác; đã hết thời gian chờ.",
            "The token is busy with another request; the wait timed out."),
    PIN_INCORRECT(
            "Mã PIN không đúng.",
            "Incorrect PIN."),
    PIN_LOCKED(
            "Mã PIN của token đã bị khóa. Liên hệ đơn vị cấp chứng thư số để mở khóa.",
            "The token's PIN is locked. Contact the certificate issuer to unlock it."),
    PIN_CANCELLED(
            "Người dùng đã hủy nhập mã PIN.",
            "PIN entry was cancelled by the user."),
    PIN_INVALID(
            "Mã PIN không hợp lệ (sai độ dài hoặc ký tự).",
            "The PIN is invalid (wrong length or characters)."),
    PIN_EXPIRED(
            "Mã PIN đã hết hạn hoặc phải đổi trước khi dùng.",
            "The PIN has expired or must be changed before use."),
    KEY_NOT_FOUND(
            "Không tìm thấy khóa bí mật tương ứng với chứng thư số trên token.",
            "The private key for this certificate was not found on the token."),
    CERTIFICATE_NOT_FOUND(
            "Không tìm thấy chứng thư số {0} trên các token đang cắm.",
            "Certificate {0} was not found on any connected token."),
    MECHANISM_UNSUPPORTED(
            "Token không hỗ trợ thuật toán ký {0} cho khóa này.",
            "The token does not support signature algorithm {0} for this key."),
    ALGORITHM_NOT_ALLOWED(
            "Thuật toán {0} không được phép (chỉ dùng SHA-256 trở lên; RSA từ 2048 bit, ECDSA từ 256 bit).",
            "Algorithm {0} is not allowed (SHA-256 or stronger; RSA 2048+ bits, ECDSA 256+ bits)."),
    DIGEST_INVALID(
            "Giá trị băm không hợp lệ: {0} phải dài {1} byte.",
            "Invalid digest: {0} must be {1} bytes long."),
    SIGNATURE_SELF_CHECK_FAILED(
            "Chữ ký do token tạo ra không khớp với khóa công khai của chứng thư số; token có thể bị lỗi.",
            "The signature made by the token does not verify with the certificate's public key; the token may be faulty."),
    DEVICE_ERROR(
            "Token báo lỗi thiết bị ({0}).",
            "The token reported a device error ({0})."),
    TOKEN_ERROR(
            "Token trả về lỗi {0}.",
            "The token returned error {0}.");

    private final ErrorText text;

    TokenError(String messageVi, String messageEn) {
        this.text = new ErrorText(messageVi, messageEn);
    }

    @Override
    public ErrorText text() {
        return text;
    }
}
