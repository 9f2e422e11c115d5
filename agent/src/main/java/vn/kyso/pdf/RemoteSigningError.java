package vn.kyso.pdf;

import vn.kyso.errors.ErrorCode;

/** Errors of two-step signing that are about the prepared state itself. Codes are stable API. */
public enum RemoteSigningError implements ErrorCode {
    PREPARED_STATE_INVALID(
            "Dữ liệu chuẩn bị ký không hợp lệ hoặc đã bị thay đổi: {0}",
            "The prepared signing state is invalid or was altered: {0}");

    private final String messageVi;
    private final String messageEn;

    RemoteSigningError(String messageVi, String messageEn) {
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
