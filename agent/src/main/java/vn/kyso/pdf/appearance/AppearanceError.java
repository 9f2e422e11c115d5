package vn.kyso.pdf.appearance;

import vn.kyso.errors.EnumErrorCode;
import vn.kyso.errors.ErrorText;

/** Errors of the visible-signature presets. Codes are stable API, like every ErrorCode. */
public enum AppearanceError implements EnumErrorCode {
    // IMAGE_INVALID takes the reason twice, {0} in English and {1} in Vietnamese.
    ANCHOR_TEXT_NOT_FOUND(
            "Không tìm thấy dòng chữ \"{0}\" trong văn bản để đặt chữ ký.",
            "The text \"{0}\" used to place the signature was not found in the document."),
    IMAGE_INVALID(
            "Ảnh chữ ký hoặc con dấu không hợp lệ: {1}",
            "The signature or seal image is invalid: {0}"),
    PLACEMENT_OUT_OF_PAGE(
            "Vị trí hiển thị chữ ký {0} nằm ngoài trang {1} (vùng hiển thị {2}).",
            "The signature position {0} lies outside page {1} (visible area {2})."),
    NO_SPACE_BETWEEN_LINES(
            "Không đủ chỗ giữa dòng \"{0}\" và dòng \"{1}\" để đặt hình chữ ký.",
            "There is no room between the line \"{0}\" and the line \"{1}\" for the signature image."),
    PAGE_NOT_FOUND(
            "Văn bản không có trang {0} (văn bản có {1} trang).",
            "The document has no page {0} (it has {1} pages)."),
    SIGNATURE_FIELD_NOT_FOUND(
            "Không tìm thấy ô chữ ký \"{0}\" trong văn bản.",
            "The signature field \"{0}\" was not found in the document."),
    SIGNATURE_FIELD_ALREADY_SIGNED(
            "Ô chữ ký \"{0}\" đã được ký; hãy chọn ô chữ ký trống.",
            "The signature field \"{0}\" is already signed; choose an empty signature field."),
    PERSONAL_SIGNATURE_NOT_FOUND(
            "Văn bản chưa có chữ ký hiển thị của người có thẩm quyền để đóng dấu lên.",
            "The document has no visible signature of the official for the seal to overlap."),
    TEXT_NOT_RENDERABLE(
            "Phông chữ không hiển thị được dòng chữ \"{0}\".",
            "The font cannot render the text \"{0}\".");

    private final ErrorText text;

    AppearanceError(String messageVi, String messageEn) {
        this.text = new ErrorText(messageVi, messageEn);
    }

    @Override
    public ErrorText text() {
        return text;
    }
}
