package vn.kyso.consent;

import vn.kyso.errors.EnumErrorCode;
import vn.kyso.errors.ErrorText;

/** The person's answer to a signing request: refused, or there is no way to ask on this computer. */
public enum ConsentError implements EnumErrorCode {
    CONSENT_REFUSED(
            "Người dùng đã từ chối ký.",
            "The user refused to sign."),
    CONSENT_UNAVAILABLE(
            "Không thể hỏi ý kiến người dùng trên máy này (không có màn hình hoặc hộp thoại), nên không ký.",
            "The user cannot be asked on this computer (no display or dialog), so nothing is signed.");

    private final ErrorText text;

    ConsentError(String messageVi, String messageEn) {
        this.text = new ErrorText(messageVi, messageEn);
    }

    @Override
    public ErrorText text() {
        return text;
    }
}
