package vn.kyso.config;

import vn.kyso.errors.EnumErrorCode;
import vn.kyso.errors.ErrorText;

/** Configuration errors: the administrator must be able to find the line from the message alone. */
public enum ConfigError implements EnumErrorCode {
    CONFIG_UNREADABLE(
            "Không đọc được tệp cấu hình {0}: {1}",
            "Cannot read configuration file {0}: {1}"),
    CONFIG_INVALID(
            "Giá trị cấu hình không hợp lệ trong {0}: {1} = \"{2}\" ({3})",
            "Invalid configuration value in {0}: {1} = \"{2}\" ({3})"),
    PRIVATE_FOLDER_UNSAFE(
            "Thư mục {0} không an toàn cho dữ liệu riêng của Kyso Agent: {1}. Hãy xóa hoặc trả lại thư mục cho người dùng này rồi khởi động lại.",
            "The folder {0} is not safe for Kyso Agent's private data: {1}. Remove it or give it back to this user, then start again.");

    private final ErrorText text;

    ConfigError(String messageVi, String messageEn) {
        this.text = new ErrorText(messageVi, messageEn);
    }

    @Override
    public ErrorText text() {
        return text;
    }
}
