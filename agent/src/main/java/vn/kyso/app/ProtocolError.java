package vn.kyso.app;

import vn.kyso.errors.EnumErrorCode;
import vn.kyso.errors.ErrorText;

/**
 * Refusals of the protocol layer: the per-origin limit of requests waiting for the person, the documents a connection
 * holds, per-connection batch and two-step state, and the profile images a request names.
 */
public enum ProtocolError implements EnumErrorCode {
    TOO_MANY_PENDING_PROMPTS(
            "Trang {0} đang chờ quá nhiều yêu cầu ký; hãy xử lý các yêu cầu trước.",
            "The page {0} has too many signing requests waiting; finish the earlier ones first."),
    BATCH_BUSY(
            "Lô ký \"{0}\" đang được xử lý; hãy chờ kết quả trước khi gửi lại.",
            "Batch \"{0}\" is still being signed; wait for its result before sending it again."),
    PREPARED_NOT_FOUND(
            "Không tìm thấy chữ ký đã chuẩn bị \"{0}\" trong phiên làm việc này (đã hoàn tất hoặc kết nối đã đóng).",
            "Prepared signature \"{0}\" was not found in this session (already completed, or the connection was closed)."),
    PROFILE_IMAGE_MISSING(
            "Chưa có ảnh \"{0}\" trong hồ sơ Kyso của người dùng trên máy này (thư mục profile cạnh tệp cấu hình). Hãy thêm ảnh PNG nền trong suốt hoặc gửi ảnh kèm yêu cầu.",
            "The user's Kyso profile on this computer has no \"{0}\" image (the profile folder next to the configuration file). Add a transparent PNG or send the image with the request."),
    PROFILE_IMAGE_UNREADABLE(
            "Không đọc được ảnh \"{0}\" trong hồ sơ Kyso của người dùng: {1}",
            "The \"{0}\" image of the user's Kyso profile cannot be read: {1}"),
    DOCUMENT_TOO_LARGE(
            "Tài liệu quá lớn ({0} byte); giới hạn là {1} byte.",
            "The document is too large ({0} bytes); the limit is {1} bytes."),
    DOCUMENT_NOT_FOUND(
            "Không tìm thấy tài liệu {0} trong phiên làm việc này.",
            "Document {0} was not found in this session."),
    DOCUMENT_SIZE_MISMATCH(
            "Dữ liệu gửi lên vượt quá kích thước đã khai báo ({0} byte); tài liệu bị hủy.",
            "More data arrived than the declared size ({0} bytes); the upload was discarded."),
    TOO_MANY_DOCUMENTS(
            "Phiên làm việc đang giữ quá nhiều tài liệu (tối đa {0}); hãy tải xuống hoặc xóa bớt.",
            "This session holds too many documents (at most {0}); download or remove some."),
    DOCUMENTS_BUDGET_EXCEEDED(
            "Kyso Agent đang giữ quá nhiều tài liệu của các trang web nên chưa nhận thêm tài liệu {0} byte; hãy thử lại sau khi các tài liệu khác đã xong.",
            "Kyso Agent holds too many documents of web pages to take a further {0}-byte document now; try again when others are done.");

    private final ErrorText text;

    ProtocolError(String messageVi, String messageEn) {
        this.text = new ErrorText(messageVi, messageEn);
    }

    @Override
    public ErrorText text() {
        return text;
    }
}
