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
            "The font cannot render the text \"{0}\"."),
    TEMPLATE_BLANK_TOO_NARROW(
            "Chỗ trống sau \"{0}\" không đủ rộng để ghi \"{1}\" cùng cỡ chữ của văn bản.",
            "The blank after \"{0}\" is too narrow to write \"{1}\" in the size of the text around it."),
    TEXT_WOULD_OVERLAP(
            "Ghi \"{0}\" vào chỗ trống sẽ đè lên chữ đã in trên văn bản.",
            "Writing \"{0}\" into the blank would overlap text printed on the document."),
    DOCUMENT_NUMBER_SUFFIX_MISMATCH(
            "Số văn bản \"{0}\" mang ký hiệu khác với ký hiệu in sẵn \"{1}\" trên văn bản.",
            "The document number \"{0}\" carries a ký hiệu other than the one printed on the document, \"{1}\"."),
    ISSUE_YEAR_MISMATCH(
            "Ngày ban hành thuộc năm {0} nhưng văn bản in sẵn năm {1}.",
            "The issue date is in {0} but the document prints the year {1}."),
    DATE_BLANK_NOT_FOUND(
            "Không tìm thấy chỗ ghi ngày ban hành (\"ngày … tháng … năm …\") trên văn bản; hãy cho biết dòng địa danh.",
            "No blank for the issue date (\"ngày … tháng … năm …\") was found in the document; give the place line."),
    APPROVAL_TEXT_TOO_LONG(
            "Không đủ chỗ giữa dòng chức vụ và dòng họ tên để ghi dấu phê duyệt bằng chữ.",
            "There is no room between the title line and the name line for the text approval stamp."),
    INCOMING_STAMP_TEXT_TOO_LONG(
            "Dòng \"{0}\" quá dài cho khung dấu Đến 50 x 35 mm (Nghị định 30/2020); hãy viết ngắn hơn.",
            "The line \"{0}\" is too long for the 50 x 35 mm incoming stamp (Nghị định 30/2020); shorten it.");

    private final ErrorText text;

    AppearanceError(String messageVi, String messageEn) {
        this.text = new ErrorText(messageVi, messageEn);
    }

    @Override
    public ErrorText text() {
        return text;
    }
}
