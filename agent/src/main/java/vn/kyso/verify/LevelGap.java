package vn.kyso.verify;

import java.text.MessageFormat;
import java.util.Locale;

import vn.kyso.errors.EnumErrorCode;
import vn.kyso.errors.ErrorText;
import vn.kyso.errors.Language;

/**
 * Why a signature's format level stops where it does: the next rung of B → T → LT → LTA it did not reach, or why it
 * is no ETSI baseline at all, with the detail that names what is missing (a certificate, a /SubFilter).
 *
 * @param code      the {@link Reason} name, stable for the js-client
 * @param detail    the argument of the message, in English (may be empty)
 */
public record LevelGap(String code, String detail, String messageVi, String messageEn) {

    /** @param detail names (of certificates, a /SubFilter) that read the same in both languages */
    static LevelGap of(Reason reason, String detail) {
        return of(reason, detail, detail);
    }

    static LevelGap of(Reason reason, String detailVi, String detailEn) {
        return new LevelGap(reason.name(), detailEn, format(reason.messageVi(), detailVi),
                format(reason.messageEn(), detailEn));
    }

    public String text(Language language) {
        return language.pick(messageVi, messageEn);
    }

    private static String format(String pattern, String detail) {
        return new MessageFormat(pattern.replace("'", "''"), Locale.ROOT).format(new Object[] {detail});
    }

    /** The catalogue of reasons, bilingual like every error code of the agent. */
    public enum Reason implements EnumErrorCode {
        LEVEL_NOT_ETSI_SUBFILTER(
                "/SubFilter {0} không phải chữ ký PAdES hay PKCS#7 tách rời: không thuộc mức chuẩn ETSI nào",
                "/SubFilter {0} is neither PAdES nor detached PKCS#7: no ETSI baseline level"),
        LEVEL_NOT_ETSI_NO_SIGNED_ATTRIBUTES(
                "CMS không có thuộc tính được ký (signed attributes): không thuộc mức chuẩn ETSI nào",
                "the CMS has no signed attributes: no ETSI baseline level"),
        LEVEL_NOT_ETSI_NO_JADES_PROPERTIES(
                "JWS không có các thuộc tính được ký của JAdES (x5t#S256 hoặc x5t#o, và sigT hoặc iat): "
                        + "không thuộc mức chuẩn ETSI nào",
                "the JWS lacks the JAdES signed properties (x5t#S256 or x5t#o, and sigT or iat): no ETSI baseline "
                        + "level"),
        LEVEL_NOT_BASELINE(
                "chữ ký không theo đúng mức cơ sở (baseline) của EN 319 142-1 / 319 122-1: {0}",
                "the signature breaks a baseline rule of EN 319 142-1 / 319 122-1: {0}"),
        LEVEL_NO_TIMESTAMP(
                "không có dấu thời gian cho chữ ký và không có dấu thời gian văn bản nào sau chữ ký: chưa đạt mức T",
                "no signature time-stamp and no later document time-stamp: level T not reached"),
        LEVEL_NO_VALIDATION_DATA_SIGNER(
                "không có dữ liệu kiểm tra (OCSP/CRL) cho chuỗi chứng thư của người ký ({0}): chưa đạt mức LT",
                "no validation data (OCSP/CRL) for the signer's chain ({0}): level LT not reached"),
        LEVEL_NO_VALIDATION_DATA_TSA(
                "không có dữ liệu kiểm tra (OCSP/CRL) cho chuỗi chứng thư của đơn vị cấp dấu thời gian ({0}): "
                        + "chưa đạt mức LT",
                "no validation data (OCSP/CRL) for the TSA's chain ({0}): level LT not reached"),
        LEVEL_NO_DSS_DICTIONARY(
                "văn bản không có từ điển /DSS (dữ liệu kiểm tra chỉ nằm trong CMS): chưa đạt mức LT",
                "the document has no /DSS dictionary (validation data only inside the CMS): level LT not reached"),
        LEVEL_NO_ARCHIVE_TIMESTAMP(
                "không có dấu thời gian văn bản nào phủ dữ liệu kiểm tra: chưa đạt mức LTA",
                "no document time-stamp covers the validation data: level LTA not reached");

        private final ErrorText text;

        Reason(String messageVi, String messageEn) {
            this.text = new ErrorText(messageVi, messageEn);
        }

        @Override
        public ErrorText text() {
            return text;
        }
    }
}
