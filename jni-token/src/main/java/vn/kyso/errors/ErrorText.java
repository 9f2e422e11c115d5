package vn.kyso.errors;

import java.text.MessageFormat;
import java.util.Locale;

/**
 * A text in Vietnamese and English — an error's message, or any other line the agent shows in both languages —
 * with {@code {0}}-style placeholders (filled by KysoException for errors, by {@link #filled} elsewhere).
 */
public record ErrorText(String vi, String en) {

    /** No text in either language: an optional part that is absent. */
    public static final ErrorText EMPTY = new ErrorText("", "");

    /**
     * The text with its placeholders filled, each language from its own arguments: an {@code ErrorText} argument
     * gives its Vietnamese to the Vietnamese text and its English to the English one; anything else is written as
     * {@link String#valueOf} gives it (numbers without grouping, e.g. a port 18443).
     */
    public ErrorText filled(Object... arguments) {
        Object[] vi = new Object[arguments.length];
        Object[] en = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            if (arguments[i] instanceof ErrorText text) {
                vi[i] = text.vi();
                en[i] = text.en();
            } else {
                vi[i] = String.valueOf(arguments[i]);
                en[i] = vi[i];
            }
        }
        return new ErrorText(fill(this.vi, vi), fill(this.en, en));
    }

    /** The text in {@code language}. */
    public String in(Language language) {
        return language.pick(vi, en);
    }

    /**
     * Both languages on one line, Vietnamese first ({@code "ảnh con dấu / seal image"}): for a reader whose language
     * is not known where the line is written (command output, a dialog's contents composed for the person's).
     */
    public String both() {
        return vi + " / " + en;
    }

    /** The texts one after the other, in each language. */
    public static ErrorText join(ErrorText... parts) {
        StringBuilder vi = new StringBuilder();
        StringBuilder en = new StringBuilder();
        for (ErrorText part : parts) {
            vi.append(part.vi());
            en.append(part.en());
        }
        return new ErrorText(vi.toString(), en.toString());
    }

    private static String fill(String pattern, Object[] arguments) {
        if (arguments.length == 0) {
            return pattern;
        }
        // MessageFormat treats ' specially; escape it so Vietnamese/English text is printed as written.
        return new MessageFormat(pattern.replace("'", "''"), Locale.ROOT).format(arguments);
    }
}
