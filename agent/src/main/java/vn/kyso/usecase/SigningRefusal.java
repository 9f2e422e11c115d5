package vn.kyso.usecase;

import java.util.Map;

import vn.kyso.errors.EnumErrorCode;
import vn.kyso.errors.ErrorText;
import vn.kyso.errors.KysoException;

/**
 * The signing use cases' own rules refusing to sign: the signer's certificate fails the pre-signing check, or the
 * signed output fails its re-verification.
 */
public enum SigningRefusal implements EnumErrorCode {
    CERT_EXPIRED(
            "Chứng thư số của người ký đã hết hạn nên không thể ký: {0}",
            "The signer's certificate has expired, so it cannot sign: {0}"),
    CERT_NOT_YET_VALID(
            "Chứng thư số của người ký chưa có hiệu lực: {0}",
            "The signer's certificate is not valid yet: {0}"),
    CERT_REVOKED(
            "Chứng thư số của người ký đã bị thu hồi nên không thể ký: {0}",
            "The signer's certificate has been revoked, so it cannot sign: {0}"),
    CERT_UNTRUSTED(
            "Chứng thư số của người ký không thuộc tổ chức cung cấp dịch vụ tin cậy nào được cài đặt: {0}",
            "The signer's certificate does not chain to an installed trusted root: {0}"),
    CERT_KEY_USAGE(
            "Chứng thư số này không được phép dùng để ký số: {0}",
            "This certificate is not allowed for digital signatures: {0}"),
    CERT_STATUS_UNKNOWN(
            "Không kiểm tra được tình trạng thu hồi của chứng thư số (không kết nối được OCSP/CRL): {0}. Chính sách hiện tại không cho ký khi ngoại tuyến.",
            "The certificate's revocation status could not be checked (OCSP/CRL unreachable): {0}. The current policy does not allow signing offline."),
    SIGNED_OUTPUT_INVALID(
            "Văn bản sau khi ký không vượt qua kiểm tra lại nên không được trả về: {0}",
            "The signed document failed its re-verification and was not returned: {0}");

    private final ErrorText text;

    /** A Sub CA or Root CA stored on the token beside the person's certificate signs certificates, not documents. */
    public static KysoException caCertificate() {
        return new KysoException(CERT_KEY_USAGE, Map.of("ca", true), null,
                "chứng thư của tổ chức cấp chứng thư (CA) / a certification authority's certificate");
    }

    SigningRefusal(String messageVi, String messageEn) {
        this.text = new ErrorText(messageVi, messageEn);
    }

    @Override
    public ErrorText text() {
        return text;
    }
}
