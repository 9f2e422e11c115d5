package vn.kyso.cms;

import vn.kyso.errors.EnumErrorCode;
import vn.kyso.errors.ErrorText;

/** Errors of the CMS/CAdES engine and of completing a signature made elsewhere. Codes are stable API. */
public enum CmsError implements EnumErrorCode {
    SIGNATURE_MISMATCH(
            "Chữ ký nhận được không khớp với dữ liệu đã chuẩn bị hoặc với chứng thư số của người ký: {0}",
            "The signature received does not match the prepared data or the signer's certificate: {0}"),
    CMS_UNREADABLE(
            "Dữ liệu chữ ký không phải là CMS SignedData hợp lệ: {0}",
            "The signature data is not a valid CMS SignedData: {0}"),
    DIGEST_INVALID(
            "Giá trị băm không hợp lệ: {0}",
            "The digest is not valid: {0}"),
    ALGORITHM_NOT_OFFERED(
            "Khóa của người ký không hỗ trợ thuật toán {0}.",
            "The signer's key does not offer the algorithm {0}."),
    TIMESTAMP_UNAVAILABLE(
            "Không lấy được dấu thời gian cho chữ ký mức B-T: {0}",
            "No signature time-stamp could be obtained for level B-T: {0}");

    private final ErrorText text;

    CmsError(String messageVi, String messageEn) {
        this.text = new ErrorText(messageVi, messageEn);
    }

    @Override
    public ErrorText text() {
        return text;
    }
}
