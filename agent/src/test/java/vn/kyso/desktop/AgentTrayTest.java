package vn.kyso.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.CheckboxMenuItem;
import java.awt.Menu;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.event.ActionEvent;
import java.awt.event.ItemEvent;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.kyso.audit.AuditLog;
import vn.kyso.audit.AuditRecord;
import vn.kyso.errors.Language;
import vn.kyso.pairing.PairedOrigins;
import vn.kyso.pairing.Pairing;
import vn.kyso.pairing.PairingPrompt;

/** The tray's menu from real parts (audit log, pairing store); AWT menus need a display. */
@Tag("display")
class AgentTrayTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void display() {
        Screen.require();
    }

    private static List<String> labels(Menu menu) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < menu.getItemCount(); i++) {
            out.add(menu.getItem(i).getLabel());
        }
        return out;
    }

    private static MenuItem item(Menu menu, String label) {
        for (int i = 0; i < menu.getItemCount(); i++) {
            if (menu.getItem(i).getLabel().equals(label)) {
                return menu.getItem(i);
            }
        }
        throw new AssertionError(label + " not in " + labels(menu));
    }

    private static void click(MenuItem item) {
        for (var l : item.getActionListeners()) {
            l.actionPerformed(new ActionEvent(item, ActionEvent.ACTION_PERFORMED, item.getActionCommand()));
        }
    }

    @Test
    void menuShowsStatusSignaturesAndApprovalsAndRevokes() throws Exception {
        AuditLog audit = new AuditLog(dir.resolve("audit.jsonl"));
        audit.append(new AuditRecord("https://qlvb.ninhbinh.gov.vn", "sign.pdf/approve", "QĐ 123.pdf", "ab".repeat(32),
                "cd".repeat(32), "Nguyễn Văn An", "OK"));
        audit.append(new AuditRecord("https://qlvb.ninhbinh.gov.vn", "sign.hash", "", "ab".repeat(32),
                "cd".repeat(32), "Nguyễn Văn An", "CONSENT_REFUSED"));
        Pairing pairing = new Pairing(new PairedOrigins(dir.resolve("paired.json")),
                origin -> origin.contains("always") ? PairingPrompt.Answer.ALWAYS : PairingPrompt.Answer.ONCE);
        pairing.admit("https://always.example", true);
        pairing.admit("https://once.example", true);
        AtomicReference<Language> language = new AtomicReference<>(Language.VI);
        List<String> revoked = new ArrayList<>();
        AtomicBoolean quit = new AtomicBoolean();
        AtomicInteger redraws = new AtomicInteger();
        AgentTray.Parts parts = new AgentTray.Parts(18443, () -> 2, Set.of("https://qlvb.ninhbinh.gov.vn"), pairing,
                audit, language, origin -> {
                    revoked.add(origin);
                    pairing.revoke(origin);
                }, () -> quit.set(true));

        PopupMenu menu = AgentTray.menu(parts, new DialogWording(Language.VI), redraws::incrementAndGet);
        assertEquals("Kyso Agent — đang chạy trên cổng 18443", menu.getItem(0).getLabel());
        assertEquals("2 token đang cắm", menu.getItem(1).getLabel());
        assertFalse(menu.getItem(0).isEnabled(), "status lines are not actions");
        Menu recent = (Menu) item(menu, "Chữ ký gần đây");
        assertEquals(2, recent.getItemCount());
        assertTrue(recent.getItem(0).getLabel().contains("CONSENT_REFUSED  sign.hash"), labels(recent).toString());
        assertTrue(recent.getItem(1).getLabel().endsWith("đã ký  sign.pdf/approve — QĐ 123.pdf"));
        Menu origins = (Menu) item(menu, "Trang web đã cho phép (bấm để thu hồi)");
        assertEquals(List.of("https://qlvb.ninhbinh.gov.vn  (do CNTT cấp)", "https://always.example",
                "https://once.example  (lần này)"), labels(origins));
        assertFalse(origins.getItem(0).isEnabled(), "IT's origins cannot be revoked from the tray");

        click(item(origins, "https://always.example"));
        click(item(origins, "https://once.example  (lần này)"));
        assertEquals(List.of("https://always.example", "https://once.example"), revoked);
        assertFalse(pairing.isApproved("https://always.example"));
        assertFalse(pairing.isApproved("https://once.example"));
        assertEquals(List.of(), new PairedOrigins(dir.resolve("paired.json")).list());

        Menu languages = (Menu) item(menu, "Ngôn ngữ / Language");
        CheckboxMenuItem english = (CheckboxMenuItem) item(languages, "English");
        for (var l : english.getItemListeners()) {
            l.itemStateChanged(new ItemEvent(english, ItemEvent.ITEM_STATE_CHANGED, english, ItemEvent.SELECTED));
        }
        assertEquals(Language.EN, language.get());
        PopupMenu redrawn = AgentTray.menu(parts, new DialogWording(language.get()), () -> { });
        assertEquals("2 tokens plugged in", redrawn.getItem(1).getLabel());
        click(item(redrawn, "Quit Kyso Agent"));
        assertTrue(quit.get());
    }

    @Test
    void theIconSitsInTheDesktopsTrayWithItsStatusAndGoesAwayOnClose() throws Exception {
        if (System.getenv("KYSO_TEST_TRAY") == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("no system tray on the test display in CI: scripts/bootstrap.sh installs trayer");
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "no tray program (trayer) on this machine");
        }
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!java.awt.SystemTray.isSupported() && System.nanoTime() < end) {
            Thread.sleep(50); // trayer takes the tray selection shortly after it starts
        }
        assertTrue(java.awt.SystemTray.isSupported(), "trayer runs, so the desktop has a tray");
        AgentTray.Parts parts = new AgentTray.Parts(18443, () -> 2, Set.of("https://qlvb.ninhbinh.gov.vn"), null,
                new AuditLog(dir.resolve("a.jsonl")), new AtomicReference<>(Language.VI), o -> { }, () -> { });
        AgentTray tray = AgentTray.install(parts).orElseThrow();
        java.awt.TrayIcon[] icons = java.awt.SystemTray.getSystemTray().getTrayIcons();
        assertEquals(1, icons.length);
        assertEquals("Kyso Agent — đang chạy trên cổng 18443, 2 token đang cắm", icons[0].getToolTip());
        assertEquals("Kyso Agent — đang chạy trên cổng 18443", icons[0].getPopupMenu().getItem(0).getLabel());
        Thread.sleep(500); // let the tray draw it
        java.awt.image.BufferedImage shot = new java.awt.Robot().createScreenCapture(new java.awt.Rectangle(0, 0, 240, 24));
        java.nio.file.Path screenshots = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
        java.nio.file.Files.createDirectories(screenshots);
        javax.imageio.ImageIO.write(shot, "png", screenshots.resolve("tray.png").toFile());
        assertTrue(countColour(shot, 0x0B4FA8) > 50, "the blue icon is visible in the tray");
        // a right click opens the menu, as a person would
        java.awt.Robot robot = new java.awt.Robot();
        java.awt.image.BufferedImage before = robot.createScreenCapture(new java.awt.Rectangle(0, 24, 420, 220));
        robot.mouseMove(12, 12);
        robot.mousePress(java.awt.event.InputEvent.BUTTON3_DOWN_MASK);
        robot.mouseRelease(java.awt.event.InputEvent.BUTTON3_DOWN_MASK);
        robot.waitForIdle();
        Thread.sleep(500);
        java.awt.image.BufferedImage menu = robot.createScreenCapture(new java.awt.Rectangle(0, 0, 420, 244));
        javax.imageio.ImageIO.write(menu, "png", screenshots.resolve("tray-menu.png").toFile());
        assertTrue(differingPixels(before, menu.getSubimage(0, 24, 420, 220)) > 2000, "the menu opened");
        robot.keyPress(java.awt.event.KeyEvent.VK_ESCAPE);
        robot.keyRelease(java.awt.event.KeyEvent.VK_ESCAPE);

        tray.close();
        long gone = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (java.awt.SystemTray.getSystemTray().getTrayIcons().length > 0 && System.nanoTime() < gone) {
            Thread.sleep(20);
        }
        assertEquals(0, java.awt.SystemTray.getSystemTray().getTrayIcons().length);
    }

    private static int differingPixels(java.awt.image.BufferedImage a, java.awt.image.BufferedImage b) {
        int n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int countColour(java.awt.image.BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y) & 0xFFFFFF;
                if (Math.abs((p >> 16) - (rgb >> 16)) < 24 && Math.abs((p >> 8 & 0xFF) - (rgb >> 8 & 0xFF)) < 24
                        && Math.abs((p & 0xFF) - (rgb & 0xFF)) < 24) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void theIconIsDrawnAndNoTrayMeansNoIconButNoFailure() {
        BufferedImage icon = AgentTray.image(24);
        int blue = icon.getRGB(2, 12);
        int white = icon.getRGB(8, 12);
        assertEquals(0x0B4FA8, blue & 0xFFFFFF);
        assertEquals(0xFFFFFF, white & 0xFFFFFF);
        if (!java.awt.SystemTray.isSupported()) {
            // Xvfb has no tray manager: the agent runs with dialogs and without an icon
            assertTrue(AgentTray.install(new AgentTray.Parts(1, () -> 0, Set.of(), null,
                    new AuditLog(dir.resolve("a.jsonl")), new AtomicReference<>(Language.VI), o -> { }, () -> { }))
                    .isEmpty());
        }
    }
}
