package vn.kyso.demo;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;

import vn.kyso.consent.ConsentPrompt;
import vn.kyso.token.PinPrompt;

/**
 * Who approves a signing act and types the PIN while the demo runs. Pluggable: a desktop with the agent's own dialogs
 * can supply them here; without a display, the person who started {@code ./kyso demo} answers on its terminal. The
 * web page never sees the question's answer or the PIN.
 */
public record DemoPrompts(ConsentPrompt consent, PinPrompt pins, String description) {

    /** Nobody to ask (no terminal, e.g. {@code --once} in a script): every act is refused. */
    public static final DemoPrompts NOBODY = new DemoPrompts(ConsentPrompt.NOBODY, request -> Optional.empty(),
            "không có người xác nhận — mọi yêu cầu ký bị từ chối / nobody to approve — every signing request is refused");

    /** The terminal when there is one, otherwise nobody. */
    public static DemoPrompts choose() {
        Console console = System.console();
        return console == null ? NOBODY : onTerminal(console);
    }

    /** Consent (c/K) and PIN (not echoed) on the demo's terminal, one question at a time. */
    public static DemoPrompts onTerminal(Console console) {
        Object turn = new Object();
        ConsentPrompt consent = request -> {
            synchronized (turn) {
                PrintWriter out = console.writer();
                out.println();
                out.println("== Yêu cầu ký số / signing request ==");
                out.println("  Trang web / page:      " + request.origin());
                out.println("  Thao tác / act:        " + request.operationVi() + " (" + request.operationEn() + ")");
                out.println("  Văn bản / document:    " + request.documentName()
                        + (request.pages() > 0 ? " (" + request.pages() + " trang)" : ""));
                out.println("  SHA-256:               " + request.documentSha256());
                out.println("  Chứng thư / signer:    " + request.signer());
                out.println("  Token:                 " + request.tokenLabel());
                if (request.blind()) {
                    out.println("  CẢNH BÁO: ký giá trị băm — Kyso không thể hiển thị nội dung được ký.");
                    out.println("  WARNING: hash signing — Kyso cannot show what is signed.");
                }
                if (request.verification() != null) {
                    // văn bản đến: what verifying its signatures found, before the person decides
                    out.println("  Kiểm tra / verified:   " + request.verification().resultVi());
                    out.println("                         " + request.verification().resultEn());
                }
                out.flush();
                String answer = console.readLine("Đồng ý ký? / Approve? [c/y = có, Enter = không]: ");
                return accepts(answer) ? ConsentPrompt.Decision.APPROVE : ConsentPrompt.Decision.REFUSE;
            }
        };
        PinPrompt pins = request -> {
            synchronized (turn) {
                if (request.protectedAuthenticationPath()) {
                    console.writer().println("Nhập PIN trên bàn phím của token / type the PIN on the token's pad.");
                    return Optional.of(new char[0]);
                }
                switch (request.warning()) {
                    case COUNT_LOW -> console.writer().println("Lưu ý: đã có lần nhập sai PIN / a wrong PIN was typed before.");
                    case FINAL_TRY -> console.writer().println(
                            "CẢNH BÁO: sai thêm một lần nữa token sẽ bị khóa / one more wrong PIN locks the token.");
                    default -> { }
                }
                char[] pin = console.readPassword("Mã PIN của %s / PIN for %s (Enter để hủy / to cancel): ",
                        request.token().label(), request.token().label());
                return pin == null || pin.length == 0 ? Optional.empty() : Optional.of(pin);
            }
        };
        return new DemoPrompts(consent, pins, "hỏi trên cửa sổ dòng lệnh này / asked on this terminal");
    }

    static boolean accepts(String answer) {
        if (answer == null) {
            return false;
        }
        String a = answer.trim().toLowerCase(Locale.ROOT);
        return a.equals("c") || a.equals("có") || a.equals("co") || a.equals("y") || a.equals("yes");
    }
}
