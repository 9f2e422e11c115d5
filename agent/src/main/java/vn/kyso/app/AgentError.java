package vn.kyso.app;

import vn.kyso.errors.EnumErrorCode;
import vn.kyso.errors.ErrorText;

/** Refusals of the agent's use cases: from the person, from the agent's own rules, or from a bad request. */
public enum AgentError implements EnumErrorCode {
    CONSENT_REFUSED(
            "Người dùng đã từ chối ký.",
            "The user refused to sign."),
    CONSENT_UNAVAILABLE(
            "Không thể hỏi ý kiến người dùng trên máy này (không có màn hình hoặc hộp thoại), nên không ký.",
            "The user cannot be asked on this computer (no display or dialog), so nothing is signed."),
    INVALID_PARAMS(
            "Tham số không hợp lệ: {0}",
            "Invalid parameters: {0}"),
    CERT_EXPIRED(
            "Chứng thư số của người ký đã hết hạn nên không thể ký: {0}",
            "The signer's certificate has expired, so it cannot sign: {0}"),
    CERT_NOT_YET_VALID(
            "Chứng thư số của người ký chưa có hiệu lực: {0}",
            "The signer's certificate is not valid yet: {0}"),
    CERT_REVOKED(
            "Chứng thư số của người ký đã bị thu hồi nên không thể ký: {0}",
            "The signer's certificate has been revoked, so it cannot sign: {0}"),
    CERT_UNTRUSTED(
            "Chứng thư số của người ký không thuộc tổ chức cung cấp dịch vụ tin cậy nào được cài đặt: {0}",
            "The signer's certificate does not chain to an installed trusted root: {0}"),
    CERT_KEY_USAGE(
            "Chứng thư số này không được phép dùng để ký số: {0}",
            "This certificate is not allowed for digital signatures: {0}"),
    CERT_STATUS_UNKNOWN(
            "Không kiểm tra được tình trạng thu hồi của chứng thư số (không kết nối được OCSP/CRL): {0}. Chính sách hiện tại không cho ký khi ngoại tuyến.",
            "The certificate's revocation status could not be checked (OCSP/CRL unreachable): {0}. The current policy does not allow signing offline."),
    SIGNED_OUTPUT_INVALID(
            "Văn bản sau khi ký không vượt qua kiểm tra lại nên không được trả về: {0}",
            "The signed document failed its re-verification and was not returned: {0}"),
    PROFILE_IMAGE_MISSING(
            "Chưa có ảnh \"{0}\" trong hồ sơ Kyso của người dùng trên máy này (thư mục profile cạnh tệp cấu hình). Hãy thêm ảnh PNG nền trong suốt hoặc gửi ảnh kèm yêu cầu.",
            "The user's Kyso profile on this computer has no \"{0}\" image (the profile folder next to the configuration file). Add a transparent PNG or send the image with the request."),
    PROFILE_IMAGE_UNREADABLE(
            "Không đọc được ảnh \"{0}\" trong hồ sơ Kyso của người dùng: {1}",
            "The \"{0}\" image of the user's Kyso profile cannot be read: {1}"),
    BATCH_BUSY(
            "Lô ký \"{0}\" đang được xử lý; hãy chờ kết quả trước khi gửi lại.",
            "Batch \"{0}\" is still being signed; wait for its result before sending it again."),
    PREPARED_NOT_FOUND(
            "Không tìm thấy chữ ký đã chuẩn bị \"{0}\" trong phiên làm việc này (đã hoàn tất hoặc kết nối đã đóng).",
            "Prepared signature \"{0}\" was not found in this session (already completed, or the connection was closed)."),
    TOO_MANY_PENDING_PROMPTS(
            "Trang {0} đang chờ quá nhiều yêu cầu ký; hãy xử lý các yêu cầu trước.",
            "The page {0} has too many signing requests waiting; finish the earlier ones first.");

    private final ErrorText text;

    AgentError(String messageVi, String messageEn) {
        this.text = new ErrorText(messageVi, messageEn);
    }

    @Override
    public ErrorText text() {
        return text;
    }
}
