package vn.kyso.doctor;

import vn.kyso.errors.ErrorText;

/** Every text of {@code kyso doctor}, in Vietnamese and English, with {@code {0}}-style placeholders. */
enum DoctorText {
    JAVA_OK("Java {0}", "Java {0}"),
    JAVA_TOO_OLD("Java {0} quá cũ: cần Java 17 trở lên", "Java {0} is too old: Java 17 or newer is needed"),

    DESKTOP_NONE("Không có màn hình: Kyso Agent chạy không giao diện và từ chối mọi yêu cầu ký",
            "No display: Kyso Agent runs headless and refuses every signing request"),
    DESKTOP_WITH_TRAY("Có màn hình: hộp thoại của Kyso Agent hiển thị được, có khay hệ thống",
            "Display available: Kyso Agent's dialogs can be shown, system tray present"),
    DESKTOP_WITHOUT_TRAY("Có màn hình: hộp thoại của Kyso Agent hiển thị được; không có khay hệ thống"
            + " (không có biểu tượng)",
            "Display available: Kyso Agent's dialogs can be shown; no system tray (no icon)"),

    CONFIG_MACHINE_MISSING("Không có tệp cấu hình máy {0}: dùng mặc định, CNTT chưa cho phép trang web nào",
            "No machine configuration {0}: defaults apply, IT has allowed no web page"),
    CONFIG_USER_MISSING("Không có tệp cấu hình người dùng {0} (không bắt buộc)",
            "No user configuration {0} (optional)"),
    CONFIG_VALID("Tệp cấu hình hợp lệ: {0}", "Configuration valid: {0}"),
    FILE_UNREADABLE("Không đọc được {0}", "Cannot read {0}"),
    FILE_UNREADABLE_BECAUSE("Không đọc được {0}: {1}", "Cannot read {0}: {1}"),

    PAIRING_COUNT("người dùng đã cho phép thêm {0}", "{0} more approved by the user"),
    PAIRING_OFF("CNTT đã tắt ghép trang (origins.pairing=false)", "IT switched pairing off (origins.pairing=false)"),
    ORIGINS_NONE("Chưa có trang web nào được phép dùng Kyso Agent; {0}",
            "No web page is allowed to use Kyso Agent yet; {0}"),
    ORIGINS_OK("Trang web do CNTT cấp ({0}): {1}; {2}", "Allowed by IT ({0}): {1}; {2}"),

    BROWSER_BY_GPO("Chính sách trình duyệt do GPO quản lý trên hệ điều hành này (không kiểm tra)",
            "Browser policies are managed by GPO on this system (not checked)"),
    BROWSER_DIFFERS("Chính sách trình duyệt khác danh sách trang web của CNTT {0}: {1} — chạy lại kyso-provision",
            "Browser policy differs from IT's origins {0}: {1} — run kyso-provision again"),
    BROWSER_NOT_NEEDED("Không có chính sách trình duyệt (CNTT chưa cho phép trang web nào)",
            "No browser policy (IT has allowed no web page)"),
    BROWSER_MISSING("Không có chính sách trình duyệt LocalNetworkAccessAllowedForUrls: Chrome/Edge sẽ hỏi từng người"
            + " dùng trước khi trang web được gọi Kyso Agent", "No browser policy LocalNetworkAccessAllowedForUrls:"
            + " Chrome/Edge will ask each user before a page may reach Kyso Agent"),
    BROWSER_OK("Chính sách trình duyệt cho phép {0}: {1} trình duyệt", "Browser policy allows {0} in {1} browser(s)"),

    DRIVERS_NONE_FOUND("Không nạp được trình điều khiển token nào (không tìm thấy)",
            "No token driver loaded (none found)"),
    DRIVERS_NONE_LOADED("Không nạp được trình điều khiển token nào: {0}", "No token driver loaded: {0}"),
    DRIVERS_SOME_FAILED("Đã nạp: {0}; lỗi: {1}", "Loaded: {0}; failed: {1}"),
    DRIVERS_OK("Đã nạp trình điều khiển: {0}", "Drivers loaded: {0}"),
    TOKENS_NONE("Chưa cắm token nào", "No token plugged in"),
    TOKENS_SUMMARY("{0} token ({1}), {2} chứng thư số", "{0} token(s) ({1}), {2} certificate(s)"),
    TOKENS_NO_CERTIFICATE(": token không có chứng thư số", ": no certificate on the token"),
    TOKENS_EXPIRED("; đã hết hạn: {0}", "; expired: {0}"),
    TOKENS_EXPIRING("; sắp hết hạn (30 ngày): {0}", "; expiring within 30 days: {0}"),

    TRUST_DIRECTORY_MISSING("Thư mục chứng thư gốc {0} không tồn tại", "Trusted-root directory {0} does not exist"),
    TRUST_DIRECTORY_ADDED("; thêm {0} từ {1}", "; {0} more from {1}"),
    TRUST_DIRECTORY_REJECTED(", bỏ qua {0} tệp lỗi", ", {0} bad file(s) skipped"),
    TRUST_BUNDLED("{0} chứng thư gốc đi kèm{1}", "{0} bundled root(s){1}"),
    TRUST_EXPIRED("Chứng thư gốc đã hết hạn: {0}", "Expired trusted roots: {0}"),
    TRUST_OK("{0} chứng thư gốc tin cậy ({1} đi kèm{2})", "{0} trusted roots ({1} bundled{2})"),
    TRUST_UNREADABLE("Không nạp được chứng thư gốc: {0}", "Cannot load the trusted roots: {0}"),

    TSA_OK("Máy chủ cấp dấu thời gian trả lời: {0}", "Time-stamping authority answers: {0}"),
    TSA_UNREACHABLE("Không kết nối được máy chủ cấp dấu thời gian {0} ({1}): chữ ký sẽ thiếu dấu thời gian",
            "Time-stamping authority {0} unreachable ({1}): signatures would lack a time-stamp"),

    CERTIFICATES_NONE("Không có chứng thư số nào để kiểm tra", "No certificate to check"),
    CERTIFICATES_ALSO_GOOD("; ký được: {0}", "; can sign: {0}"),
    CERTIFICATES_OFFLINE("Không kiểm tra được tình trạng thu hồi (OCSP/CRL không kết nối được): {0}{1}",
            "Revocation status unreachable (OCSP/CRL offline): {0}{1}"),
    CERTIFICATES_UNUSABLE("Không dùng để ký được: {0}{1}", "Cannot be used to sign: {0}{1}"),
    CERTIFICATES_OK("Chứng thư số hợp lệ, OCSP/CRL trả lời{0}", "Certificates valid, OCSP/CRL answer{0}"),

    SECRET_NOT_YET("Khóa bí mật cục bộ chưa có (tạo khi Kyso Agent chạy lần đầu): {0}",
            "Local secret not created yet (created when the agent first runs): {0}"),
    SECRET_MODE("Khóa bí mật {0} có quyền {1}: phải là rw------- (0600), nếu không người dùng khác đọc được",
            "Local secret {0} has mode {1}: it must be rw------- (0600), or other users can read it"),
    SECRET_OK("Khóa bí mật cục bộ chỉ chủ sở hữu đọc được (0600): {0}",
            "Local secret readable by its owner only (0600): {0}"),

    AUDIT_INTACT("Nhật ký ký số nguyên vẹn ({0} mục): {1}", "Signing log intact ({0} entries): {1}"),
    AUDIT_BROKEN("Nhật ký ký số {0} bị sửa, cắt hoặc xóa tại dòng {1}: {2}",
            "Signing log {0} was edited, cut or deleted at line {1}: {2}"),
    AUDIT_UNREADABLE("Không đọc được nhật ký ký số: {0}", "Cannot read the signing log: {0}"),

    AGENT_RUNNING("Kyso Agent {0} đang chạy trên cổng {1}", "Kyso Agent {0} is answering on port {1}"),
    AGENT_PORT_USED("Cổng {0} đang bị chương trình khác dùng (HTTP {1})",
            "Port {0} is used by another program (HTTP {1})"),
    AGENT_NOT_RUNNING("Kyso Agent chưa chạy; cổng {0} còn trống", "Kyso Agent is not running; port {0} is free"),
    AGENT_PORT_HELD("Cổng {0} đang bị chương trình khác giữ: Kyso Agent không khởi động được",
            "Port {0} is held by another program: Kyso Agent cannot start");

    private final ErrorText text;

    DoctorText(String vi, String en) {
        this.text = new ErrorText(vi, en);
    }

    /** The text with its placeholders filled (see {@link ErrorText#filled}). */
    ErrorText with(Object... arguments) {
        return text.filled(arguments);
    }
}
