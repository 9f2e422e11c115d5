package vn.kyso.doctor;

import java.awt.SystemTray;
import java.util.List;

import vn.kyso.desktop.DesktopSupport;

/** A display for the consent and PIN dialogs (without one every signing request is refused), and a system tray. */
final class DesktopCheck implements DoctorCheck {

    @Override
    public List<Check> run(Install install) {
        if (!DesktopSupport.available()) {
            return List.of(check(false, false));
        }
        return List.of(check(true, SystemTray.isSupported()));
    }

    static Check check(boolean display, boolean tray) {
        if (!display) {
            return Check.warn("desktop", DoctorText.DESKTOP_NONE.with());
        }
        return Check.ok("desktop", (tray ? DoctorText.DESKTOP_WITH_TRAY : DoctorText.DESKTOP_WITHOUT_TRAY).with());
    }
}
