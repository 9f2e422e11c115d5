package vn.kyso.server;

import vn.kyso.errors.EnumErrorCode;
import vn.kyso.errors.ErrorText;

/** Errors of the loopback bridge. The js-client shows these codes as they are. */
public enum ServerError implements EnumErrorCode {
    ORIGIN_NOT_ALLOWED(
            "Trang web {0} chưa được phép dùng Kyso Agent. Liên hệ bộ phận CNTT để được cấp quyền.",
            "The web page {0} is not allowed to use Kyso Agent. Ask your IT department to allow it."),
    HOST_NOT_ALLOWED(
            "Yêu cầu bị từ chối: địa chỉ máy chủ \"{0}\" không phải địa chỉ nội bộ của Kyso Agent.",
            "Request refused: host \"{0}\" is not Kyso Agent's loopback address."),
    PEER_USER_MISMATCH(
            "Yêu cầu bị từ chối: chương trình gửi yêu cầu không chạy dưới tài khoản người dùng đang dùng Kyso Agent này.",
            "Request refused: the calling program does not run as the user account this Kyso Agent belongs to."),
    LOCAL_SECRET_REQUIRED(
            "Chương trình cục bộ phải gửi khóa bí mật của người dùng để dùng Kyso Agent.",
            "Local programs must present the user's secret to use Kyso Agent."),
    MALFORMED_REQUEST(
            "Yêu cầu không đúng định dạng: {0}",
            "Malformed request: {0}"),
    UNKNOWN_METHOD(
            "Phương thức \"{0}\" không được hỗ trợ.",
            "Method \"{0}\" is not supported."),
    TOO_MANY_REQUESTS(
            "Kết nối này đang có quá nhiều yêu cầu chưa xong (tối đa {0}); hãy đợi các yêu cầu trước hoàn thành.",
            "This connection has too many unfinished requests (at most {0}); wait for earlier ones to finish."),
    TOO_MANY_CONNECTIONS(
            "Có quá nhiều kết nối tới Kyso Agent (tối đa {0}); hãy đóng bớt các thẻ hoặc trang đang mở.",
            "Too many connections to Kyso Agent (at most {0}); close some of the open tabs or pages."),
    REQUEST_TIMEOUT(
            "Yêu cầu \"{0}\" không hoàn thành trong {1} giây nên đã bị hủy.",
            "Request \"{0}\" did not finish within {1} seconds and was cancelled."),
    PORT_IN_USE(
            "Cổng {0} trên máy đã được chương trình khác sử dụng. Đóng chương trình đó hoặc đổi cổng trong cấu hình (server.port).",
            "Port {0} is already used by another program. Close it or change server.port in the configuration."),
    INTERNAL_ERROR(
            "Lỗi nội bộ của Kyso Agent. Chi tiết đã được ghi vào nhật ký.",
            "Internal error in Kyso Agent. Details were written to the log.");

    private final ErrorText text;

    ServerError(String messageVi, String messageEn) {
        this.text = new ErrorText(messageVi, messageEn);
    }

    @Override
    public ErrorText text() {
        return text;
    }
}
