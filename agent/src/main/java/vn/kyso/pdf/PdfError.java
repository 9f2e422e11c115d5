package vn.kyso.pdf;

import vn.kyso.errors.EnumErrorCode;
import vn.kyso.errors.ErrorText;

/** Errors of the PDF signing engine. Codes are stable API, like every ErrorCode. */
public enum PdfError implements EnumErrorCode {
    DOCUMENT_CERTIFIED_NO_CHANGES(
            "Văn bản đã được chứng nhận (DocMDP P=1) và không cho phép thay đổi, kể cả thêm chữ ký.",
            "The document is certified with no changes permitted (DocMDP P=1), not even another signature."),
    PDF_ENCRYPTED(
            "Văn bản được mã hóa và quyền sử dụng không cho phép ký: {0,choice,0#thêm ô chữ ký mới cần quyền sửa "
                    + "văn bản (bit 4) và quyền thêm chú thích, ô biểu mẫu (bit 6)|1#ký vào ô chữ ký có sẵn cần "
                    + "quyền điền biểu mẫu (bit 9 hoặc 6)}; chủ văn bản cho phép: sửa văn bản "
                    + "{1,choice,0#không|1#có}, thêm chú thích/ô biểu mẫu {2,choice,0#không|1#có}, điền biểu mẫu "
                    + "{3,choice,0#không|1#có}.",
            "The document is encrypted and its permissions do not allow signing: {0,choice,0#a new signature "
                    + "field needs the permissions to modify the document (bit 4) and to add annotations and form "
                    + "fields (bit 6)|1#signing an existing signature field needs the permission to fill in form "
                    + "fields (bit 9 or 6)}; the owner allows: modify {1,choice,0#no|1#yes}, annotations/form fields "
                    + "{2,choice,0#no|1#yes}, fill in forms {3,choice,0#no|1#yes}."),
    PDF_PASSWORD_REQUIRED(
            "Văn bản được bảo vệ bằng mật khẩu; cần mật khẩu để mở trước khi ký.",
            "The document is password protected; its password is needed to open it before signing."),
    PDF_DAMAGED(
            "Tệp PDF bị hỏng hoặc không đọc được: {0}",
            "The PDF file is damaged or unreadable: {0}"),
    SIGNATURE_TOO_LARGE(
            "Chữ ký ({0} byte) lớn hơn vùng dành sẵn trong tệp ({1} byte).",
            "The signature ({0} bytes) is larger than the space reserved in the file ({1} bytes)."),
    SIGNATURE_FIELD_NOT_FOUND(
            "Không tìm thấy ô chữ ký \"{0}\" trong văn bản.",
            "Signature field \"{0}\" was not found in the document."),
    SIGNATURE_FIELD_ALREADY_SIGNED(
            "Ô chữ ký \"{0}\" đã được ký.",
            "Signature field \"{0}\" is already signed."),
    TIMESTAMP_REQUIRED_UNAVAILABLE(
            "Không lấy được dấu thời gian bắt buộc từ máy chủ cấp dấu thời gian: {0}",
            "The required timestamp could not be obtained from the timestamp server: {0}"),
    REVOCATION_DATA_UNAVAILABLE(
            "Không lấy được thông tin thu hồi (OCSP/CRL) của chứng thư số {0}: {1}",
            "Revocation data (OCSP/CRL) for certificate {0} could not be obtained: {1}"),
    PDF_WRITE_FAILED(
            "Không ghi được văn bản đã ký: {0}",
            "The signed document could not be written: {0}");

    private final ErrorText text;

    PdfError(String messageVi, String messageEn) {
        this.text = new ErrorText(messageVi, messageEn);
    }

    @Override
    public ErrorText text() {
        return text;
    }
}
