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
            "Invalid configuration value in {0}: {1} = \"{2}\" ({3})");

    private final ErrorText text;

    ConfigError(String messageVi, String messageEn) {
        this.text = new ErrorText(messageVi, messageEn);
    }

    @Override
    public ErrorText text() {
        return text;
    }
}
