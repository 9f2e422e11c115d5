package vn.kyso.desktop;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import vn.kyso.errors.Language;
import vn.kyso.token.PinRequest;

/**
 * Every sentence the agent's dialogs and tray show, in Vietnamese and English. Kept apart from Swing so the wording
 * can be read and tested on its own.
 */
public final class DialogWording {

    private final Language lang;

    public DialogWording(Language lang) {
        this.lang = lang;
    }

    public Language language() {
        return lang;
    }

    private String t(String vi, String en) {
        return lang.pick(vi, en);
    }

    /** A text the agent composed in both languages (e.g. an incoming document's verification), in the dialog's. */
    public String pick(String vi, String en) {
        return t(vi, en);
    }

    // --- consent -------------------------------------------------------------------------------------------------

    public String consentTitle() {
        return t("Kyso Agent — Xác nhận ký số", "Kyso Agent — Confirm signing");
    }

    /** The headline: the act itself, in the dialog's language. */
    public String consentHeadline(String operationVi, String operationEn) {
        String act = lang == Language.VI || operationEn == null || operationEn.isBlank() ? operationVi : operationEn;
        return t("Bạn có đồng ý thực hiện: ", "Do you agree to: ") + act + "?";
    }

    public String requestedBy() {
        return t("Trang yêu cầu", "Requested by");
    }

    public String document() {
        return t("Văn bản", "Document");
    }

    public String pages() {
        return t("Số trang", "Pages");
    }

    public String signedContents() {
        return t("Nội dung được ký", "What is signed");
    }

    public String sha256() {
        return "SHA-256";
    }

    public String signer() {
        return t("Người ký", "Signer");
    }

    public String token() {
        return t("Token", "Token");
    }

    /** Requests from a program on this computer carry no origin. */
    public String origin(String origin) {
        return origin == null || origin.isBlank() || origin.equals("local program")
                ? t("Chương trình trên máy này", "A program on this computer") : origin;
    }

    public String documentName(String name) {
        return name == null || name.isBlank() ? t("(không có tên)", "(no name)") : name;
    }

    public String pageCount(int pages) {
        return pages <= 0 ? t("không rõ", "unknown") : String.valueOf(pages);
    }

    public String batchDocuments(int count) {
        return t("Các văn bản (" + count + ")", "Documents (" + count + ")");
    }

    public String sha256OfList() {
        return t("SHA-256 (danh sách)", "SHA-256 (of the list)");
    }

    /** One document of a batch: its number, name and pages on one line, its SHA-256 grouped on the next. */
    public String batchLine(int number, String name, int pages, String sha256) {
        String count = pages <= 0 ? "" : t(" — " + pages + " trang", " — " + pages + (pages == 1 ? " page" : " pages"));
        return number + ". " + documentName(name) + count + "\n    " + groupedHex(sha256).replace("\n", " ");
    }

    public String blindWarning() {
        return t("Cảnh báo: Kyso Agent không xem được nội dung sẽ ký (chỉ nhận giá trị băm). Chỉ đồng ý khi bạn tin "
                        + "trang yêu cầu và vừa chủ động ký trên trang đó.",
                "Warning: Kyso Agent cannot see what will be signed (it only receives a hash). Agree only if you "
                        + "trust the requesting page and have just asked it to sign.");
    }

    public String approve() {
        return t("Đồng ý ký", "Sign");
    }

    public String refuse() {
        return t("Từ chối", "Refuse");
    }

    /** Shown under the buttons, counting down. */
    public String refusedIn(long seconds) {
        return t("Tự động từ chối sau " + seconds + " giây", "Refused automatically in " + seconds + " s");
    }

    /**
     * 64 hex digits as 16 upper-case groups of four in two lines, so a person can compare them with what the web page
     * shows; anything else is returned upper-cased as it is.
     */
    public static String groupedHex(String hex) {
        if (hex == null) {
            return "";
        }
        String clean = hex.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        if (!clean.matches("[0-9A-F]+") || clean.length() % 4 != 0) {
            return clean;
        }
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < clean.length(); i += 4) {
            groups.add(clean.substring(i, i + 4));
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < groups.size(); i++) {
            if (i > 0) {
                out.append(i % 8 == 0 ? "\n" : " ");
            }
            out.append(groups.get(i));
        }
        return out.toString();
    }

    /** "CN, O" out of a distinguished name; the DN itself when it has no CN. */
    public static String person(String distinguishedName) {
        if (distinguishedName == null) {
            return "";
        }
        String cn = null;
        String o = null;
        try {
            for (javax.naming.ldap.Rdn rdn : new javax.naming.ldap.LdapName(distinguishedName).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    cn = String.valueOf(rdn.getValue());
                } else if (rdn.getType().equalsIgnoreCase("O")) {
                    o = String.valueOf(rdn.getValue());
                }
            }
        } catch (javax.naming.InvalidNameException e) {
            return distinguishedName;
        }
        if (cn == null) {
            return distinguishedName;
        }
        return o == null ? cn : cn + " — " + o;
    }

    // --- PIN -----------------------------------------------------------------------------------------------------

    public String pinTitle() {
        return t("Kyso Agent — Nhập mã PIN", "Kyso Agent — Enter PIN");
    }

    public String pinPrompt(String tokenLabel) {
        return t("Nhập mã PIN của token \"" + tokenLabel + "\":", "Enter the PIN of token \"" + tokenLabel + "\":");
    }

    public String pinPadPrompt(String tokenLabel) {
        return t("Hãy nhập mã PIN trên bàn phím của thiết bị \"" + tokenLabel + "\", rồi bấm Tiếp tục.",
                "Type the PIN on the keypad of the device \"" + tokenLabel + "\", then press Continue.");
    }

    public String pinForCertificate(String subject) {
        return t("Chứng thư số: ", "Certificate: ") + person(subject);
    }

    /** Null when there is nothing to warn about. */
    public String pinWarning(PinRequest.Warning warning) {
        return switch (warning) {
            case NONE -> null;
            case COUNT_LOW -> t("Lần trước đã nhập sai PIN. Token sẽ bị khóa nếu nhập sai thêm vài lần.",
                    "A wrong PIN was entered before. The token locks after a few more wrong PINs.");
            case FINAL_TRY -> t("LẦN THỬ CUỐI CÙNG: nếu nhập sai, token sẽ bị KHÓA và phải đến cơ quan cấp để mở.",
                    "LAST TRY: one more wrong PIN LOCKS the token, and only the issuing authority can unlock it.");
        };
    }

    public String pinNeverShared() {
        return t("Mã PIN chỉ nhập vào cửa sổ này của Kyso Agent, không bao giờ nhập trên trang web.",
                "Type your PIN only into this Kyso Agent window, never into a web page.");
    }

    public String ok() {
        return t("Đồng ý", "OK");
    }

    public String proceed() {
        return t("Tiếp tục", "Continue");
    }

    public String cancel() {
        return t("Hủy", "Cancel");
    }

    public String cancelledIn(long seconds) {
        return t("Tự động hủy sau " + seconds + " giây", "Cancelled automatically in " + seconds + " s");
    }

    // --- pairing -------------------------------------------------------------------------------------------------

    public String pairingTitle() {
        return t("Kyso Agent — Cho phép trang web?", "Kyso Agent — Allow this web page?");
    }

    public String pairingQuestion() {
        return t("Trang web sau muốn dùng Kyso Agent để ký số bằng token của bạn:",
                "This web page wants to use Kyso Agent to sign with your token:");
    }

    public String pairingExplanation() {
        return t("Trang này chưa được bộ phận CNTT cho phép. Chỉ đồng ý nếu bạn nhận ra địa chỉ và vừa mở trang đó. "
                        + "Mỗi lần ký, Kyso Agent vẫn hỏi bạn và PIN chỉ nhập vào cửa sổ của Kyso Agent.",
                "Your IT department has not allowed this page. Agree only if you recognise the address and have just "
                        + "opened it. Kyso Agent still asks you before every signature, and the PIN is typed only "
                        + "into Kyso Agent's window.");
    }

    public String allowOnce() {
        return t("Cho phép lần này", "Allow this time");
    }

    public String allowAlways() {
        return t("Luôn cho phép", "Always allow");
    }

    public String deny() {
        return t("Không cho phép", "Deny");
    }

    public String deniedIn(long seconds) {
        return t("Tự động bỏ qua sau " + seconds + " giây", "Dismissed automatically in " + seconds + " s");
    }

    // --- tray ----------------------------------------------------------------------------------------------------

    public String trayTooltip(int port, int tokens) {
        return "Kyso Agent — " + listening(port) + ", " + tokensPresent(tokens);
    }

    public String listening(int port) {
        return t("đang chạy trên cổng " + port, "listening on port " + port);
    }

    public String tokensPresent(int tokens) {
        return tokens == 0 ? t("chưa cắm token", "no token plugged in")
                : t(tokens + " token đang cắm", tokens + (tokens == 1 ? " token" : " tokens") + " plugged in");
    }

    public String recentSignatures() {
        return t("Chữ ký gần đây", "Recent signatures");
    }

    public String noneYet() {
        return t("(chưa có)", "(none yet)");
    }

    public String approvedOrigins() {
        return t("Trang web đã cho phép (bấm để thu hồi)", "Approved web pages (click to revoke)");
    }

    public String allowedByIt() {
        return t("do CNTT cấp", "allowed by IT");
    }

    public String thisRunOnly() {
        return t("lần này", "this time");
    }

    public String openLog() {
        return t("Mở thư mục nhật ký", "Open log folder");
    }

    public String languageMenu() {
        return t("Ngôn ngữ / Language", "Language / Ngôn ngữ");
    }

    public String quit() {
        return t("Thoát Kyso Agent", "Quit Kyso Agent");
    }

    /** One audit record as a short menu line: time, result, act, document. */
    public String signatureLine(String time, String result, String operation, String document) {
        String shortTime = time != null && time.length() >= 16 ? time.substring(0, 16).replace('T', ' ') : time;
        String outcome = "OK".equals(result) ? t("đã ký", "signed") : result;
        String name = document == null || document.isBlank() ? "" : " — " + document;
        return shortTime + "  " + outcome + "  " + operation + name;
    }
}
