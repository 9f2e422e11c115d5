package vn.kyso.audit;

import vn.kyso.errors.EnumErrorCode;
import vn.kyso.errors.ErrorText;

public enum AuditError implements EnumErrorCode {
    AUDIT_WRITE_FAILED(
            "Không ghi được nhật ký ký số {0}: {1}. Thao tác ký bị dừng để không mất dấu vết.",
            "Cannot write the signing audit log {0}: {1}. Signing is stopped so that no act goes unrecorded."),
    AUDIT_CORRUPT(
            "Nhật ký ký số {0} đã bị sửa, cắt hoặc xóa tại dòng {1}: {2}",
            "The signing audit log {0} was edited, cut or deleted at line {1}: {3}");

    private final ErrorText text;

    AuditError(String messageVi, String messageEn) {
        this.text = new ErrorText(messageVi, messageEn);
    }

    @Override
    public ErrorText text() {
        return text;
    }
}
