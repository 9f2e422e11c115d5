package vn.kyso.desktop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPasswordField;
import javax.swing.SwingUtilities;
import javax.swing.text.JTextComponent;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import vn.kyso.consent.ConsentPrompt.Decision;
import vn.kyso.consent.ConsentRequest;
import vn.kyso.errors.Language;
import vn.kyso.pairing.PairingPrompt.Answer;
import vn.kyso.token.PinRequest;
import vn.kyso.token.TokenFlags;
import vn.kyso.token.TokenInfo;

/** The real Swing prompts on a real (virtual) X display, driven by mouse and keyboard events. */
@Tag("display")
class PromptDialogsTest {

    private static final String HASH = "3a7f19c2b0d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4";
    private static final String SIGNER = "CN=Nguyễn Văn An,OU=Văn phòng,O=Sở Khoa học và Công nghệ tỉnh Ninh Bình,C=VN";
    private static final Duration LONG = Duration.ofSeconds(30);
    private static Screen screen;

    @BeforeAll
    static void display() {
        screen = Screen.require();
    }

    @org.junit.jupiter.api.AfterEach
    void closeLeftovers() throws Exception {
        Screen.closeLeftovers();
    }

    private static ConsentRequest approveRequest() {
        return new ConsentRequest("https://qlvb.ninhbinh.gov.vn", "Ký phê duyệt", "Approval signature",
                "Quyết định 123/QĐ-SKHCN.pdf", 3, HASH, SIGNER, "VGCA Token An (TEST)", false);
    }

    private static PinRequest pinRequest(PinRequest.Warning warning, boolean pad) {
        TokenInfo token = new TokenInfo("t1", "VGCA Token An (TEST)", "SoftHSM", "SoftHSM v2", "0001",
                Path.of("/usr/lib/softhsm/libsofthsm2.so"), 1, new TokenFlags(true, pad, false, false, false, false));
        return new PinRequest(token, SIGNER, PinRequest.Purpose.LOGIN, warning, pad);
    }

    private static String text(JDialog d, String name) {
        var c = Screen.find(d.getContentPane(), name, javax.swing.JComponent.class);
        return c instanceof JLabel l ? l.getText() : ((JTextComponent) c).getText();
    }

    @Test
    void consentShowsEverythingAndApproveReturnsApprove() throws Exception {
        ConsentDialog dialog = new ConsentDialog(() -> Language.VI, LONG);
        CompletableFuture<Decision> decision = CompletableFuture.supplyAsync(() -> dialog.ask(approveRequest()));
        JDialog window = screen.prompt();
        assertTrue(window.isAlwaysOnTop());
        assertFalse(window.isModal(), "blocks the asking thread, not the rest of the agent");
        assertEquals("Bạn có đồng ý thực hiện: Ký phê duyệt?", text(window, "headline"));
        assertEquals("https://qlvb.ninhbinh.gov.vn", text(window, "origin"));
        assertEquals("Quyết định 123/QĐ-SKHCN.pdf", text(window, "document"));
        assertEquals("3", text(window, "pages"));
        assertEquals("3A7F 19C2 B0D4 E5F6 A7B8 C9D0 E1F2 A3B4\nC5D6 E7F8 091A 2B3C 4D5E 6F70 8192 A3B4",
                text(window, "sha256"));
        assertEquals("Nguyễn Văn An — Sở Khoa học và Công nghệ tỉnh Ninh Bình", text(window, "signer"));
        assertEquals("VGCA Token An (TEST)", text(window, "token"));
        assertFalse(Screen.has(window.getContentPane(), "blind-warning", javax.swing.JComponent.class));
        assertEquals("refuse", window.getRootPane().getDefaultButton().getName(), "Enter refuses");
        screen.screenshot(window, "consent-approve-vi");
        screen.click(Screen.find(window.getContentPane(), "approve", JButton.class));
        assertEquals(Decision.APPROVE, decision.get(10, TimeUnit.SECONDS));
        assertTrue(screen.promptGone());
    }

    @Test
    void blindHashSigningWarnsInEnglishAndRefuseReturnsRefuse() throws Exception {
        ConsentDialog dialog = new ConsentDialog(() -> Language.EN, LONG);
        ConsentRequest blind = new ConsentRequest("https://dichvucong.ninhbinh.gov.vn", "Ký giá trị băm",
                "Sign a hash", "", 0, HASH, SIGNER, "VGCA Token An (TEST)", true);
        CompletableFuture<Decision> decision = CompletableFuture.supplyAsync(() -> dialog.ask(blind));
        JDialog window = screen.prompt();
        assertEquals("Do you agree to: Sign a hash?", text(window, "headline"));
        assertTrue(text(window, "blind-warning").startsWith("Warning: Kyso Agent cannot see what will be signed"));
        assertFalse(Screen.has(window.getContentPane(), "document", javax.swing.JComponent.class));
        screen.screenshot(window, "consent-blind-hash-en");
        screen.click(Screen.find(window.getContentPane(), "refuse", JButton.class));
        assertEquals(Decision.REFUSE, decision.get(10, TimeUnit.SECONDS));
    }

    /** An XML signature: what the agent read from the document replaces the page count, one line each. */
    @Test
    void anXmlSignatureShowsTheSignedElementAndTheInvoice() throws Exception {
        ConsentDialog dialog = new ConsentDialog(() -> Language.VI, LONG);
        ConsentRequest xml = new ConsentRequest("https://hoadon.ninhbinh.gov.vn", "Ký XML", "Sign XML",
                "hoa-don-123.xml", 0, HASH, SIGNER, "VGCA Token An (TEST)", false, java.util.List.of(), null,
                java.util.List.of("Phần được ký / Signed: /HDon/DLHDon (Id data)",
                        "Hóa đơn số / Invoice: 1C26TKS-0000123", "Tổng tiền / Total: 8250000 VND\u202Eforged"));
        CompletableFuture<Decision> decision = CompletableFuture.supplyAsync(() -> dialog.ask(xml));
        JDialog window = screen.prompt();
        assertEquals("Phần được ký / Signed: /HDon/DLHDon (Id data)\nHóa đơn số / Invoice: 1C26TKS-0000123\n"
                + "Tổng tiền / Total: 8250000 VND forged", text(window, "contents"),
                "one line per item, direction overrides removed");
        assertFalse(Screen.has(window.getContentPane(), "pages", javax.swing.JComponent.class));
        screen.screenshot(window, "consent-xml-vi");
        screen.click(Screen.find(window.getContentPane(), "approve", JButton.class));
        assertEquals(Decision.APPROVE, decision.get(10, TimeUnit.SECONDS));
    }

    /** A JSON document: its values read by the agent, in the same box as an XML signature's lines. */
    @Test
    void aJsonDocumentShowsItsValuesReadByTheAgentLiterally() throws Exception {
        ConsentDialog dialog = new ConsentDialog(() -> Language.VI, LONG);
        ConsentRequest json = new ConsentRequest("https://dichvucong.ninhbinh.gov.vn", "Ký JSON (JAdES B-LT)",
                "Sign JSON (JAdES B-LT)", "to-khai.json", 0, HASH, SIGNER, "VGCA Token An (TEST)", false,
                java.util.List.of(), null, java.util.List.of("soHoSo: 12/2026/BHXH", "tongTien: 125.000.000",
                        "ghiChu: \u202Eexe.pdf"));
        CompletableFuture<Decision> decision = CompletableFuture.supplyAsync(() -> dialog.ask(json));
        JDialog window = screen.prompt();
        String lines = text(window, "contents");
        assertEquals("soHoSo: 12/2026/BHXH\ntongTien: 125.000.000\nghiChu:  exe.pdf", lines);
        assertFalse(Screen.has(window.getContentPane(), "pages", javax.swing.JComponent.class));
        screen.screenshot(window, "consent-json-vi");
        screen.click(Screen.find(window.getContentPane(), "approve", JButton.class));
        assertEquals(Decision.APPROVE, decision.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aBatchListsEveryDocumentWithItsHash() throws Exception {
        ConsentDialog dialog = new ConsentDialog(() -> Language.VI, LONG);
        java.util.List<ConsentRequest.Document> documents = new java.util.ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            documents.add(new ConsentRequest.Document("Quyết định " + i + "/QĐ-SKHCN.pdf", i, HASH.substring(i)
                    + HASH.substring(0, i)));
        }
        ConsentRequest batch = new ConsentRequest("https://qlvb.ninhbinh.gov.vn", "Ký phê duyệt", "Approval signature",
                "5 văn bản", 15, HASH, SIGNER, "VGCA Token An (TEST)", false, documents);
        CompletableFuture<Decision> decision = CompletableFuture.supplyAsync(() -> dialog.ask(batch));
        JDialog window = screen.prompt();
        String list = Screen.find(window.getContentPane(), "documents-list", JTextComponent.class).getText();
        for (ConsentRequest.Document d : documents) {
            assertTrue(list.contains(d.name() + " — " + d.pages() + " trang\n    "
                    + DialogWording.groupedHex(d.sha256()).replace("\n", " ")), list);
        }
        assertFalse(Screen.has(window.getContentPane(), "document", javax.swing.JComponent.class));
        screen.screenshot(window, "consent-batch-vi");
        screen.click(Screen.find(window.getContentPane(), "approve", JButton.class));
        assertEquals(Decision.APPROVE, decision.get(10, TimeUnit.SECONDS));
    }

    @Test
    void consentTimesOutAsRefusedAndEscapeRefusesToo() throws Exception {
        ConsentDialog quick = new ConsentDialog(() -> Language.VI, Duration.ofMillis(1500));
        long start = System.nanoTime();
        CompletableFuture<Decision> decision = CompletableFuture.supplyAsync(() -> quick.ask(approveRequest()));
        JDialog window = screen.prompt();
        assertTrue(text(window, "countdown").startsWith("Tự động từ chối sau "));
        assertEquals(Decision.REFUSE, decision.get(10, TimeUnit.SECONDS));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 1400);
        assertTrue(screen.promptGone(), "the window closes with the time-out");

        ConsentDialog dialog = new ConsentDialog(() -> Language.VI, LONG);
        CompletableFuture<Decision> escaped = CompletableFuture.supplyAsync(() -> dialog.ask(approveRequest()));
        JDialog second = screen.prompt();
        screen.click(Screen.find(second.getContentPane(), "origin", javax.swing.JComponent.class));
        screen.key(KeyEvent.VK_ESCAPE);
        assertEquals(Decision.REFUSE, escaped.get(10, TimeUnit.SECONDS));
    }

    @Test
    void pageSuppliedTextIsShownLiterallyNeverAsHtml() throws Exception {
        ConsentDialog dialog = new ConsentDialog(() -> Language.VI, LONG);
        ConsentRequest sneaky = new ConsentRequest("https://qlvb.ninhbinh.gov.vn",
                "<html><img src='http://attacker.example/x.png'>Ký phê duyệt", "Approval",
                "Hợp đồng.pdf\n\nĐã được CNTT phê duyệt\u202Efdp.exe", 1, HASH, SIGNER, "<html><b>Token</b>", false);
        CompletableFuture<Decision> decision = CompletableFuture.supplyAsync(() -> dialog.ask(sneaky));
        JDialog window = screen.prompt();
        JLabel headline = Screen.find(window.getContentPane(), "headline", JLabel.class);
        JLabel token = Screen.find(window.getContentPane(), "token", JLabel.class);
        AtomicReference<Object> views = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> views.set(java.util.Arrays.asList(
                headline.getClientProperty(javax.swing.plaf.basic.BasicHTML.propertyKey),
                token.getClientProperty(javax.swing.plaf.basic.BasicHTML.propertyKey))));
        assertEquals(java.util.Arrays.asList(null, null), views.get(), "no HTML view was built");
        assertTrue(headline.getText().contains("<html><img"));
        assertEquals("Hợp đồng.pdf  Đã được CNTT phê duyệt fdp.exe", text(window, "document"),
                "line breaks and direction overrides cannot fake lines or names");
        screen.click(Screen.find(window.getContentPane(), "refuse", JButton.class));
        assertEquals(Decision.REFUSE, decision.get(10, TimeUnit.SECONDS));
    }

    @Test
    void thePinTypedIntoTheFieldIsReturnedAndTheFieldCleared() throws Exception {
        PinDialog dialog = new PinDialog(() -> Language.VI, LONG);
        CompletableFuture<Optional<char[]>> pin = CompletableFuture.supplyAsync(
                () -> dialog.requestPin(pinRequest(PinRequest.Warning.NONE, false)));
        JDialog window = screen.prompt();
        assertEquals("Nhập mã PIN của token \"VGCA Token An (TEST)\":", text(window, "prompt"));
        assertFalse(Screen.has(window.getContentPane(), "warning", javax.swing.JComponent.class));
        JPasswordField field = Screen.find(window.getContentPane(), "pin", JPasswordField.class);
        JButton ok = Screen.find(window.getContentPane(), "ok", JButton.class);
        screen.click(ok); // nothing typed yet: an empty PIN is never returned
        assertFalse(pin.isDone());
        screen.click(field);
        screen.typeDigits("123456");
        screen.screenshot(window, "pin-vi");
        screen.click(ok);
        Optional<char[]> typed = pin.get(10, TimeUnit.SECONDS);
        assertArrayEquals("123456".toCharArray(), typed.orElseThrow());
        assertEquals(0, field.getPassword().length, "nothing is left in the field");
    }

    @Test
    void finalTryWarningIsRedAndCancelReturnsNothing() throws Exception {
        PinDialog dialog = new PinDialog(() -> Language.VI, LONG);
        CompletableFuture<Optional<char[]>> pin = CompletableFuture.supplyAsync(
                () -> dialog.requestPin(pinRequest(PinRequest.Warning.FINAL_TRY, false)));
        JDialog window = screen.prompt();
        JTextComponent warning = Screen.find(window.getContentPane(), "warning", JTextComponent.class);
        assertTrue(warning.getText().startsWith("LẦN THỬ CUỐI CÙNG"));
        assertEquals(PromptWindow.WARNING, warning.getForeground());
        screen.screenshot(window, "pin-final-try-vi");
        screen.click(Screen.find(window.getContentPane(), "cancel", JButton.class));
        assertEquals(Optional.empty(), pin.get(10, TimeUnit.SECONDS));

        PinDialog english = new PinDialog(() -> Language.EN, LONG);
        CompletableFuture<Optional<char[]>> low = CompletableFuture.supplyAsync(
                () -> english.requestPin(pinRequest(PinRequest.Warning.COUNT_LOW, false)));
        JDialog second = screen.prompt();
        assertTrue(text(second, "warning").startsWith("A wrong PIN was entered before"));
        screen.screenshot(second, "pin-count-low-en");
        screen.click(Screen.find(second.getContentPane(), "cancel", JButton.class));
        assertEquals(Optional.empty(), low.get(10, TimeUnit.SECONDS));
    }

    @Test
    void pinDialogTimesOutAsCancelled() throws Exception {
        PinDialog dialog = new PinDialog(() -> Language.VI, Duration.ofMillis(1500));
        CompletableFuture<Optional<char[]>> pin = CompletableFuture.supplyAsync(
                () -> dialog.requestPin(pinRequest(PinRequest.Warning.NONE, false)));
        JDialog window = screen.prompt();
        screen.click(Screen.find(window.getContentPane(), "pin", JPasswordField.class));
        screen.typeDigits("12"); // half typed, then the person walks away
        assertEquals(Optional.empty(), pin.get(10, TimeUnit.SECONDS));
        assertTrue(screen.promptGone());
    }

    @Test
    void pinPadTokensGetNoFieldAndContinueWithAnEmptyPin() throws Exception {
        PinDialog dialog = new PinDialog(() -> Language.VI, LONG);
        CompletableFuture<Optional<char[]>> pin = CompletableFuture.supplyAsync(
                () -> dialog.requestPin(pinRequest(PinRequest.Warning.NONE, true)));
        JDialog window = screen.prompt();
        assertFalse(Screen.has(window.getContentPane(), "pin", JPasswordField.class));
        assertTrue(text(window, "pin-pad").startsWith("Hãy nhập mã PIN trên bàn phím của thiết bị"));
        screen.screenshot(window, "pin-pad-vi");
        screen.click(Screen.find(window.getContentPane(), "ok", JButton.class));
        assertArrayEquals(new char[0], pin.get(10, TimeUnit.SECONDS).orElseThrow());
    }

    @Test
    void pairingAnswersAlwaysOnceDenyAndTimesOutAsNoAnswer() throws Exception {
        PairingDialog dialog = new PairingDialog(() -> Language.VI, LONG);
        String[][] clicks = {{"always", "ALWAYS"}, {"once", "ONCE"}, {"deny", "DENY"}};
        for (String[] click : clicks) {
            CompletableFuture<Answer> answer = CompletableFuture.supplyAsync(
                    () -> dialog.ask("https://dichvucong.ninhbinh.gov.vn"));
            JDialog window = screen.prompt();
            assertEquals("https://dichvucong.ninhbinh.gov.vn", text(window, "origin"));
            assertEquals("deny", window.getRootPane().getDefaultButton().getName());
            if (click[0].equals("always")) {
                screen.screenshot(window, "pairing-vi");
            }
            screen.click(Screen.find(window.getContentPane(), click[0], JButton.class));
            assertEquals(Answer.valueOf(click[1]), answer.get(10, TimeUnit.SECONDS));
            assertTrue(screen.promptGone());
        }
        PairingDialog quick = new PairingDialog(() -> Language.EN, Duration.ofMillis(1200));
        CompletableFuture<Answer> ignored = CompletableFuture.supplyAsync(() -> quick.ask("https://a.example"));
        screen.screenshot(screen.prompt(), "pairing-en");
        assertEquals(Answer.NO_ANSWER, ignored.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aPromptAskedOnTheSwingThreadIsRefusedInsteadOfFreezingTheAgent() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                new ConsentDialog(() -> Language.VI, LONG).ask(approveRequest());
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        });
        assertTrue(thrown.get() instanceof IllegalStateException, String.valueOf(thrown.get()));
        assertTrue(screen.promptGone(), "no window was opened");
    }
}
