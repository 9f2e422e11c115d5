package vn.kyso.pairing;

import vn.kyso.errors.EnumErrorCode;
import vn.kyso.errors.ErrorText;

/** Errors of the user's paired-origins list. */
public enum PairingError implements EnumErrorCode {
    PAIRED_ORIGINS_UNREADABLE(
            "Không đọc được danh sách trang web đã cho phép {0}: {1}",
            "Cannot read the list of approved web pages {0}: {1}"),
    PAIRED_ORIGINS_WRITE_FAILED(
            "Không ghi được danh sách trang web đã cho phép {0}: {1}",
            "Cannot write the list of approved web pages {0}: {1}"),
    ORIGIN_NOT_PAIRED(
            "Trang web {0} không có trong danh sách đã cho phép của người dùng.",
            "The web page {0} is not in the list of pages this user approved."),
    ORIGIN_INVALID(
            "\"{0}\" không phải địa chỉ trang web hợp lệ (https://tên-máy[:cổng]).",
            "\"{0}\" is not a valid web origin (https://host[:port]).");

    private final ErrorText text;

    PairingError(String messageVi, String messageEn) {
        this.text = new ErrorText(messageVi, messageEn);
    }

    @Override
    public ErrorText text() {
        return text;
    }
}
