package vn.kyso.xml;

import vn.kyso.errors.EnumErrorCode;
import vn.kyso.errors.ErrorText;

/** Errors of the XML signing engine (XMLDSig, XAdES) and of reading XML safely. Codes are stable API. */
public enum XmlError implements EnumErrorCode {
    XML_TOO_LARGE(
            "Tệp XML quá lớn ({0} byte; tối đa {1} byte).",
            "The XML document is too large ({0} bytes; at most {1} bytes)."),
    XML_DTD_FORBIDDEN(
            "Tệp XML có khai báo DTD (DOCTYPE); vì an toàn, DTD và thực thể tự định nghĩa không được chấp nhận.",
            "The XML document declares a DTD (DOCTYPE); for safety, DTDs and custom entities are refused."),
    XML_TOO_DEEP(
            "Tệp XML lồng nhau quá sâu (tối đa {0} cấp).",
            "The XML document is nested too deeply (at most {0} levels)."),
    XML_MALFORMED(
            "Tệp XML không đúng cú pháp: {0}",
            "The XML document is not well-formed: {0}"),
    XML_ID_NOT_FOUND(
            "Không tìm thấy phần tử có Id \"{0}\" trong tệp XML.",
            "No element of the XML document has the Id \"{0}\"."),
    XML_DUPLICATE_ID(
            "Id \"{0}\" xuất hiện {1} lần trong tệp XML; tham chiếu chữ ký phải chỉ tới đúng một phần tử "
                    + "(chống tấn công bọc chữ ký).",
            "The Id \"{0}\" occurs {1} times in the XML document; a signature reference must point at exactly one "
                    + "element (signature wrapping defence)."),
    XML_XPATH_INVALID(
            "Biểu thức XPath \"{0}\" không chọn đúng một phần tử: {1}",
            "The XPath \"{0}\" does not select exactly one element: {1}"),
    XML_OPTIONS_INVALID(
            "Tùy chọn ký XML không hợp lệ: {0}",
            "The XML signing options are not valid: {0}"),
    XML_ALGORITHM_NOT_OFFERED(
            "Khóa của người ký không hỗ trợ thuật toán {0} để ký XML.",
            "The signer's key does not offer the algorithm {0} for XML signing."),
    XML_TIMESTAMP_UNAVAILABLE(
            "Không lấy được dấu thời gian cho chữ ký XAdES mức {0}: {1}",
            "No time-stamp could be obtained for the XAdES signature at level {0}: {1}"),
    XML_REVOCATION_UNAVAILABLE(
            "Không lấy được thông tin thu hồi (OCSP/CRL) của chứng thư số {0} cho chữ ký XAdES: {1}",
            "Revocation data (OCSP/CRL) for certificate {0} could not be obtained for the XAdES signature: {1}"),
    XML_SIGNING_FAILED(
            "Không tạo được chữ ký XML: {0}",
            "The XML signature could not be made: {0}");

    private final ErrorText text;

    XmlError(String messageVi, String messageEn) {
        this.text = new ErrorText(messageVi, messageEn);
    }

    @Override
    public ErrorText text() {
        return text;
    }
}
