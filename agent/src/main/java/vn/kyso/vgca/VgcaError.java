package vn.kyso.vgca;

import vn.kyso.errors.EnumErrorCode;
import vn.kyso.errors.ErrorText;

/** Refusals and failures of the VGCA plugin compatibility layer (file jobs, downloads and uploads). */
public enum VgcaError implements EnumErrorCode {
    URL_NOT_ALLOWED(
            "Không được phép dùng địa chỉ {0}: {1}. Kyso Agent chỉ tải văn bản về từ, và gửi văn bản đã ký đến, chính trang đang gọi hoặc các địa chỉ quản trị viên cho phép (vgca.urls.allowed).",
            "The address {0} is not allowed: {1}. Kyso Agent only downloads from, and uploads signed documents to, the calling page's own origin or addresses the administrator allowed (vgca.urls.allowed)."),
    DOWNLOAD_FAILED(
            "Không tải được văn bản từ {0}: {1}",
            "The document could not be downloaded from {0}: {1}"),
    DOWNLOAD_TOO_LARGE(
            "Văn bản tại {0} lớn hơn giới hạn {1} byte nên không được tải về.",
            "The document at {0} is larger than the limit of {1} bytes, so it was not downloaded."),
    UPLOAD_FAILED(
            "Không gửi được văn bản đã ký đến {0}: {1}. Văn bản đã ký không được lưu trên máy; hãy thử ký lại.",
            "The signed document could not be sent to {0}: {1}. It is not kept on this computer; please sign again."),
    TRANSFERS_BUSY(
            "Kyso Agent đang có quá nhiều lượt tải văn bản tới máy chủ {0} (tối đa {1} cùng lúc); hãy thử lại sau.",
            "Kyso Agent has too many transfers with the server {0} under way (at most {1} at once); try again later."),
    UPLOAD_REFUSED(
            "Máy chủ {0} từ chối nhận văn bản đã ký: {1}",
            "The server {0} refused the signed document: {1}"),
    STAMP_IMAGE_NOT_CONFIGURED(
            "Chưa cấu hình {0} cho Kyso Agent (khóa {1} trong tệp cấu hình) nên không thể thực hiện \"{2}\".",
            "No {0} is configured for Kyso Agent (key {1} in the configuration file), so \"{2}\" cannot be done."),
    PLACEMENT_UNKNOWN(
            "Không xác định được vị trí đặt chữ ký cho \"{0}\": trang web cần gửi thêm MetaData {1} (xem hướng dẫn chuyển đổi).",
            "Where to place the signature for \"{0}\" is unknown: the web page must also send MetaData {1} (see the migration guide)."),
    NO_SIGNING_CERTIFICATE(
            "Không tìm thấy chứng thư số {0} nào có khóa ký trên các token đang cắm.",
            "No {0} certificate with a signing key was found on the tokens plugged in."),
    CERTIFICATE_CHOICE_REQUIRED(
            "Có {0} chứng thư số {1} trên các token đang cắm; trang web cần chỉ rõ CertificateId: {2}",
            "There are {0} {1} certificates on the tokens plugged in; the web page must name one as CertificateId: {2}"),
    MESSAGE_SIGNATURE_UNREADABLE(
            "Không đọc được chữ ký cần kiểm tra ({0}): {1}",
            "The signature to verify cannot be read ({0}): {1}"),
    MESSAGE_DATA_MISSING(
            "Không có dữ liệu để kiểm tra chữ ký: {0}",
            "There is no data to verify the signature against: {0}"),
    MESSAGE_CERTIFICATE_MISSING(
            "Chữ ký không phải CMS/PKCS#7 nên cần gửi kèm chứng thư số của người ký (CertBase64) để kiểm tra.",
            "The signature is not a CMS/PKCS#7 one, so the signer's certificate (CertBase64) must be given to verify it."),
    NOT_SUPPORTED(
            "Kyso Agent không ký và không kiểm tra chữ ký tệp Office (docx, xlsx): chữ ký gói OOXML chưa được làm đầy đủ "
                    + "và chưa được một công cụ kiểm tra độc lập chứng minh là hợp lệ, nên không được cung cấp nửa vời. "
                    + "Hãy chuyển văn bản sang PDF rồi ký (PAdES), hoặc ký tách rời (CAdES).",
            "Kyso Agent neither signs nor verifies Office files (docx, xlsx): OOXML package signatures are not done "
                    + "completely nor proven valid by an independent checker, so they are not offered half-done. "
                    + "Convert the document to PDF and sign it (PAdES), or sign it detached (CAdES).");

    private final ErrorText text;

    VgcaError(String messageVi, String messageEn) {
        this.text = new ErrorText(messageVi, messageEn);
    }

    @Override
    public ErrorText text() {
        return text;
    }
}
