package vn.kyso.audit;

import vn.kyso.errors.ErrorCode;

public enum AuditError implements ErrorCode {
    AUDIT_WRITE_FAILED(
            "Không ghi được nhật ký ký số {0}: {1}. Thao tác ký bị dừng để không mất dấu vết.",
            "Cannot write the signing audit log {0}: {1}. Signing is stopped so that no act goes unrecorded."),
    AUDIT_CORRUPT(
            "Nhật ký ký số {0} đã bị sửa hoặc xóa tại dòng {1}: {2}",
            "The signing audit log {0} was edited or cut at line {1}: {2}");

    private final String messageVi;
    private final String messageEn;

    AuditError(String messageVi, String messageEn) {
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
