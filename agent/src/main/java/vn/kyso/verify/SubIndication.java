package vn.kyso.verify;

import vn.kyso.errors.EnumErrorCode;
import vn.kyso.errors.ErrorText;

/**
 * Why a signature is not TOTAL_PASSED. The names and the indication each belongs to follow ETSI EN 319 102-1
 * §5.1.3 (Table 5 and 6); the few marked "Kyso" are not in the standard and say so, because the standard has no
 * code for them (changes after signing, a timestamp that does not verify).
 */
public enum SubIndication implements EnumErrorCode {
    FORMAT_FAILURE(Indication.TOTAL_FAILED,
            "Chữ ký không đúng định dạng: {0}",
            "The signature is not well formed: {0}"),
    HASH_FAILURE(Indication.TOTAL_FAILED,
            "Nội dung đã ký bị thay đổi (giá trị băm không khớp): {0}",
            "The signed content was altered (hash mismatch): {0}"),
    SIG_CRYPTO_FAILURE(Indication.TOTAL_FAILED,
            "Giá trị chữ ký không khớp với khóa công khai của người ký: {0}",
            "The signature value does not verify with the signer's public key: {0}"),
    REVOKED(Indication.TOTAL_FAILED,
            "Chứng thư số đã bị thu hồi trước thời điểm ký: {0}",
            "The certificate was revoked before the signing time: {0}"),
    EXPIRED(Indication.TOTAL_FAILED,
            "Chữ ký được tạo sau khi chứng thư số hết hạn: {0}",
            "The signature was made after the certificate expired: {0}"),
    NOT_YET_VALID(Indication.TOTAL_FAILED,
            "Chữ ký được tạo trước khi chứng thư số có hiệu lực: {0}",
            "The signature was made before the certificate became valid: {0}"),
    /** Kyso: the revision a signature covers was changed afterwards in a way its signer did not allow. */
    MODIFIED_AFTER_SIGNING(Indication.TOTAL_FAILED,
            "Văn bản đã bị sửa đổi sau khi ký: {0}",
            "The document was modified after signing: {0}"),
    SIGNED_DATA_NOT_FOUND(Indication.INDETERMINATE,
            "Không tìm thấy dữ liệu đã ký: {0}",
            "The signed data cannot be found: {0}"),
    NO_SIGNING_CERTIFICATE_FOUND(Indication.INDETERMINATE,
            "Không xác định được chứng thư số của người ký: {0}",
            "The signing certificate cannot be identified: {0}"),
    NO_CERTIFICATE_CHAIN_FOUND(Indication.INDETERMINATE,
            "Chứng thư số không dẫn tới tổ chức chứng thực gốc tin cậy: {0}",
            "No chain to a trusted root was found: {0}"),
    CERTIFICATE_CHAIN_GENERAL_FAILURE(Indication.INDETERMINATE,
            "Chuỗi chứng thư số không hợp lệ: {0}",
            "The certificate chain is not valid: {0}"),
    REVOKED_NO_POE(Indication.INDETERMINATE,
            "Chứng thư số đã bị thu hồi và không có bằng chứng chữ ký được tạo trước đó: {0}",
            "The certificate is revoked and nothing proves the signature existed before: {0}"),
    OUT_OF_BOUNDS_NO_POE(Indication.INDETERMINATE,
            "Chứng thư số đã hết hạn và không có dấu thời gian chứng minh thời điểm ký: {0}",
            "The certificate has expired and no timestamp proves when it was used: {0}"),
    OUT_OF_BOUNDS_NOT_REVOKED(Indication.INDETERMINATE,
            "Chứng thư số đã hết hạn, không có thông tin thu hồi: {0}",
            "The certificate has expired and its revocation status is not known: {0}"),
    TRY_LATER(Indication.INDETERMINATE,
            "Chưa kiểm tra được tình trạng thu hồi chứng thư số, hãy thử lại khi có mạng: {0}",
            "The revocation status could not be checked; try again when online: {0}"),
    SIG_CONSTRAINTS_FAILURE(Indication.INDETERMINATE,
            "Chữ ký không đạt ràng buộc để được chấp nhận (chứng thư không được phép dùng để ký, hoặc chữ ký thiếu "
                    + "thuộc tính được ký bắt buộc): {0}",
            "The signature fails the acceptance constraints (a certificate not allowed to sign, or required signed "
                    + "attributes missing): {0}"),
    CRYPTO_CONSTRAINTS_FAILURE_NO_POE(Indication.INDETERMINATE,
            "Thuật toán hoặc độ dài khóa không còn an toàn: {0}",
            "The algorithm or key size is no longer considered secure: {0}"),
    /**
     * Kyso: an XML signature's reference resolves to an element whose Id is not unique, or the element a person is
     * shown (an e-invoice's /HDon/DLHDon) is not the element the signature covers — signature wrapping.
     */
    SIGNATURE_WRAPPING(Indication.TOTAL_FAILED,
            "Chữ ký không bao phủ đúng dữ liệu được hiển thị (tấn công bọc chữ ký XML): {0}",
            "The signature does not cover the data that is shown (XML signature wrapping): {0}"),
    /** Kyso: an embedded signature or document timestamp that does not verify is no proof of time. */
    TIMESTAMP_INVALID(Indication.INDETERMINATE,
            "Dấu thời gian không hợp lệ: {0}",
            "The timestamp is not valid: {0}");

    private final Indication indication;
    private final ErrorText text;

    SubIndication(Indication indication, String messageVi, String messageEn) {
        this.indication = indication;
        this.text = new ErrorText(messageVi, messageEn);
    }

    /** The main indication this sub-indication belongs to. */
    public Indication indication() {
        return indication;
    }

    @Override
    public ErrorText text() {
        return text;
    }
}
