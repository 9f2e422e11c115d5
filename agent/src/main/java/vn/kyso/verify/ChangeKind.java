package vn.kyso.verify;

import vn.kyso.errors.Language;

/** One kind of change made in an incremental update after a signature, and whether its signer allowed it. */
public enum ChangeKind {
    SIGNATURE_ADDED(true, "Thêm chữ ký hoặc ô chữ ký", "Signature or signature field added"),
    DSS_ADDED(true, "Bổ sung dữ liệu kiểm tra dài hạn (DSS)", "Long-term validation data (DSS) added"),
    DOCUMENT_TIMESTAMP_ADDED(true, "Thêm dấu thời gian lưu trữ cho văn bản", "Document timestamp added"),
    ANNOTATION_CHANGED(true, "Thêm hoặc sửa chú thích", "Annotation added or changed"),
    FORM_FILLED(true, "Điền biểu mẫu", "Form field filled in"),
    METADATA_CHANGED(true, "Thay đổi thông tin mô tả văn bản", "Document information changed"),
    PAGE_CONTENT_CHANGED(false, "Nội dung trang bị thay đổi", "Page content changed"),
    PAGE_RESOURCES_CHANGED(false, "Tài nguyên trang (phông, hình) bị thay đổi", "Page resources changed"),
    PAGES_ADDED_OR_REMOVED(false, "Thêm hoặc bớt trang", "Pages added or removed"),
    DOCUMENT_ACTIONS_CHANGED(false, "Thêm hoặc sửa hành động, mã lệnh hoặc tệp đính kèm của văn bản",
            "Document actions, scripts or embedded files added or changed"),
    SIGNED_REVISION_UNREADABLE(false, "Không đọc được phiên bản đã ký", "The signed revision cannot be read");

    private final boolean allowedByDefault;
    private final String textVi;
    private final String textEn;

    ChangeKind(boolean allowedByDefault, String textVi, String textEn) {
        this.allowedByDefault = allowedByDefault;
        this.textVi = textVi;
        this.textEn = textEn;
    }

    /** Allowed for an approval signature without DocMDP restrictions (later narrowed by the DocMDP P level). */
    public boolean allowedByDefault() {
        return allowedByDefault;
    }

    public String text(Language language) {
        return language.pick(textVi, textEn);
    }
}
