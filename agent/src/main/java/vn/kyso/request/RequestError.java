package vn.kyso.request;

import vn.kyso.errors.EnumErrorCode;
import vn.kyso.errors.ErrorText;

/**
 * The one refusal every layer that reads a caller's input raises (the server's framing, the protocol methods, the
 * VGCA job parser, the hash-signing use case): the request itself is malformed. It lives beside the layers so none of
 * them has to reach up for it.
 */
public enum RequestError implements EnumErrorCode {
    INVALID_PARAMS(
            "Tham số không hợp lệ: {0}",
            "Invalid parameters: {0}");

    private final ErrorText text;

    RequestError(String messageVi, String messageEn) {
        this.text = new ErrorText(messageVi, messageEn);
    }

    @Override
    public ErrorText text() {
        return text;
    }
}
