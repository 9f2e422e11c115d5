package vn.kyso.config;

import vn.kyso.errors.ErrorCode;

/** Configuration errors: the administrator must be able to find the line from the message alone. */
public enum ConfigError implements ErrorCode {
    CONFIG_UNREADABLE(
            "Không đọc được tệp cấu hình {0}: {1}",
            "Cannot read configuration file {0}: {1}"),
    CONFIG_INVALID(
            "Giá trị cấu hình không hợp lệ trong {0}: {1} = \"{2}\" ({3})",
            "Invalid configuration value in {0}: {1} = \"{2}\" ({3})");

    private final String messageVi;
    private final String messageEn;

    ConfigError(String messageVi, String messageEn) {
        this.messageVi = messageVi;
        this.messageEn = messageEn;
    }

    @Override
    public String code() {
        return name();
    }

    @Override
    public String messageVi() {
        return messageVi;
    }

    @Override
    public String messageEn() {
        return messageEn;
    }
}
