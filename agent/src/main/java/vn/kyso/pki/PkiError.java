package vn.kyso.pki;

import vn.kyso.errors.EnumErrorCode;
import vn.kyso.errors.ErrorText;

/** Errors of the PKI clients (TSA, OCSP, CRL, trust anchors). Codes are stable API, like every ErrorCode. */
public enum PkiError implements EnumErrorCode {
    TSA_UNAVAILABLE(
            "Không kết nối được máy chủ cấp dấu thời gian {0}: {1}",
            "The time-stamping server {0} could not be reached: {1}"),
    TSA_RESPONSE_INVALID(
            "Phản hồi của máy chủ cấp dấu thời gian {0} không hợp lệ: {1}",
            "The time-stamping server {0} returned an invalid response: {1}"),
    OCSP_NO_RESPONDER(
            "Chứng thư số {0} không ghi địa chỉ máy chủ OCSP.",
            "Certificate {0} names no OCSP responder."),
    OCSP_UNAVAILABLE(
            "Không kết nối được máy chủ OCSP {0}: {1}",
            "The OCSP responder {0} could not be reached: {1}"),
    OCSP_RESPONSE_INVALID(
            "Phản hồi của máy chủ OCSP {0} không hợp lệ: {1}",
            "The OCSP responder {0} returned an invalid response: {1}"),
    CRL_NO_DISTRIBUTION_POINT(
            "Chứng thư số {0} không ghi địa chỉ tải danh sách thu hồi (CRL).",
            "Certificate {0} names no CRL distribution point."),
    CRL_UNAVAILABLE(
            "Không tải được danh sách chứng thư số bị thu hồi (CRL) từ {0}: {1}",
            "The certificate revocation list (CRL) could not be downloaded from {0}: {1}"),
    CRL_INVALID(
            "Danh sách chứng thư số bị thu hồi (CRL) từ {0} không hợp lệ: {1}",
            "The certificate revocation list (CRL) from {0} is invalid: {1}"),
    TRUST_ANCHOR_INVALID(
            "Chứng thư số gốc tin cậy {0} không hợp lệ: {1}",
            "Trusted root certificate {0} is invalid: {1}");

    private final ErrorText text;

    PkiError(String messageVi, String messageEn) {
        this.text = new ErrorText(messageVi, messageEn);
    }

    @Override
    public ErrorText text() {
        return text;
    }
}
