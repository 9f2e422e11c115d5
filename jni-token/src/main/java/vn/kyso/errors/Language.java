package vn.kyso.errors;

import java.util.Locale;

/**
 * The language a person reads the agent in — its windows, reports, command output: Vietnamese, the product's
 * default for the people it serves, or English. The one such enum of every layer; a text in both languages is an
 * {@link ErrorText}, read in one through {@link ErrorText#in(Language)}.
 */
public enum Language {
    VI, EN;

    /** {@code vi} or {@code en} (any case); anything else is Vietnamese, the product's default. */
    public static Language of(String code) {
        return code != null && code.trim().toLowerCase(Locale.ROOT).startsWith("en") ? EN : VI;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code vi} or {@code en}, whichever is in this language. */
    public String pick(String vi, String en) {
        return this == VI ? vi : en;
    }
}
