package vn.kyso.pdf;

import vn.kyso.errors.EnumErrorCode;
import vn.kyso.errors.ErrorText;

/** Errors of two-step signing that are about the prepared state itself. Codes are stable API. */
public enum RemoteSigningError implements EnumErrorCode {
    PREPARED_STATE_INVALID(
            "Dữ liệu chuẩn bị ký không hợp lệ hoặc đã bị thay đổi: {0}",
            "The prepared signing state is invalid or was altered: {0}");

    private final ErrorText text;

    RemoteSigningError(String messageVi, String messageEn) {
        this.text = new ErrorText(messageVi, messageEn);
    }

    @Override
    public ErrorText text() {
        return text;
    }
}
