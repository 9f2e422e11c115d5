package vn.kyso.desktop;

import java.util.Locale;

/** The language of the agent's own windows: Vietnamese unless the person chose English. */
public enum Language {
    VI, EN;

    /** {@code vi} or {@code en} (any case); anything else is Vietnamese, the product's default. */
    public static Language of(String code) {
        return code != null && code.trim().toLowerCase(Locale.ROOT).startsWith("en") ? EN : VI;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
