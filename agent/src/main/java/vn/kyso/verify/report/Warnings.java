package vn.kyso.verify.report;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vn.kyso.errors.Language;


/**
 * The verifier's warnings are English sentences written for logs; the known ones get a Vietnamese sentence, the
 * rest are shown as a technical note so nothing is hidden.
 */
final class Warnings {

    private record Known(Pattern english, String vietnamese) {
    }

    private static final List<Known> KNOWN = List.of(
            new Known(Pattern.compile("^signing time (\\S+) is only claimed by the signer; no timestamp"),
                    "thời điểm ký {1} chỉ do người ký khai, không có dấu thời gian chứng thực"),
            new Known(Pattern.compile("^claimed signing time (\\S+) is 7 h after the timestamp (\\S+)"),
                    "giờ người ký khai ({1}) lệch +7 giờ so với dấu thời gian ({2}): máy người ký ghi giờ Việt Nam "
                            + "như giờ UTC; thời điểm ký lấy theo dấu thời gian"),
            new Known(Pattern.compile("^no signed attributes"),
                    "chữ ký kiểu cũ, không có thuộc tính được ký (legacy PKCS#7)"),
            new Known(Pattern.compile("^no ESS signing-certificate attribute"),
                    "chữ ký không ràng buộc chứng thư của người ký (thiếu thuộc tính ESS signing-certificate)"),
            new Known(Pattern.compile("^unreadable signing-time attribute"),
                    "không đọc được thời điểm ký do người ký khai"),
            new Known(Pattern.compile("^unreadable adbe-revocationInfoArchival attribute"),
                    "không đọc được dữ liệu thu hồi lưu kèm chữ ký (adbe-revocationInfoArchival)"));

    private Warnings() {
    }

    /** The claimed-time and +7 h warnings repeat what the signing-time row already says in full. */
    static boolean saidInSigningTime(String warning) {
        return KNOWN.get(0).english().matcher(warning).find() || KNOWN.get(1).english().matcher(warning).find();
    }

    static String text(String warning, Language lang) {
        if (lang == Language.EN) {
            return Technical.clean(warning, lang);
        }
        for (Known known : KNOWN) {
            Matcher m = known.english().matcher(warning);
            if (m.find()) {
                String text = known.vietnamese();
                for (int g = 1; g <= m.groupCount(); g++) {
                    text = text.replace("{" + g + "}", ReportTime.rewriteInstants(m.group(g)));
                }
                return text;
            }
        }
        return "ghi chú kỹ thuật: " + Technical.clean(warning, lang);
    }
}
