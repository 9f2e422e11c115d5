package vn.kyso.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DesktopCheckTest {

    @Test
    void noDisplayWarnsThatSigningIsRefused() {
        Check none = DesktopCheck.check(false, false);

        assertEquals(Check.Status.WARN, none.status());
        assertEquals("No display: Kyso Agent runs headless and refuses every signing request", none.en());
    }

    @Test
    void aDisplaySaysWhetherThereIsATray() {
        Check tray = DesktopCheck.check(true, true);
        Check noTray = DesktopCheck.check(true, false);

        assertEquals(Check.Status.OK, tray.status());
        assertEquals("Display available: Kyso Agent's dialogs can be shown, system tray present", tray.en());
        assertEquals("Có màn hình: hộp thoại của Kyso Agent hiển thị được; không có khay hệ thống"
                + " (không có biểu tượng)",
                noTray.vi());
    }
}
