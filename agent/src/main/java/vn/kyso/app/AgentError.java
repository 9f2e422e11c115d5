package vn.kyso.app;

import vn.kyso.errors.ErrorCode;

/** Refusals of the agent's use cases: from the person, from the agent's own rules, or from a bad request. */
public enum AgentError implements ErrorCode {
    CONSENT_REFUSED(
            "Người dùng đã từ chối ký.",
            "The user refused to sign."),
    CONSENT_UNAVAILABLE(
            "Không thể hỏi ý kiến người dùng trên máy này (không có màn hình hoặc hộp thoại), nên không ký.",
            "The user cannot be asked on this computer (no display or dialog), so nothing is signed."),
    INVALID_PARAMS(
            "Tham số không hợp lệ: {0}",
            "Invalid parameters: {0}"),
    TOO_MANY_PENDING_PROMPTS(
            "Trang {0} đang chờ quá nhiều yêu cầu ký; hãy xử lý các yêu cầu trước.",
            "The page {0} has too many signing requests waiting; finish the earlier ones first.");

    private final String messageVi;
    private final String messageEn;

    AgentError(String messageVi, String messageEn) {
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
