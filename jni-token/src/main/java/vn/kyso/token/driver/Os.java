package vn.kyso.token.driver;

import java.util.Locale;

/** The desktop operating systems the agent ships for; token libraries differ by name and place on each. */
public enum Os {
    WINDOWS, LINUX, MACOS;

    public static Os current() {
        return fromName(System.getProperty("os.name", ""));
    }

    /** Other Unix-likes are treated as Linux: same shared-object conventions, and no token vendor ships for them. */
    static Os fromName(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            return WINDOWS;
        }
        if (name.contains("mac") || name.contains("darwin")) {
            return MACOS;
        }
        return LINUX;
    }
}
