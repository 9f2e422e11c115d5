package vn.kyso.desktop;

import java.awt.GraphicsEnvironment;

/** Whether a person can be shown a window here: a display that answers (servers and CI have none). */
public final class DesktopSupport {

    private DesktopSupport() {
    }

    public static boolean available() {
        if (GraphicsEnvironment.isHeadless()) {
            return false;
        }
        try {
            return GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices().length > 0;
        } catch (Throwable e) {
            // DISPLAY names a dead server, or the Java runtime lacks its desktop libraries: run headless
            return false;
        }
    }
}
