package vn.kyso.request;

import java.util.Map;

import vn.kyso.errors.KysoException;

/**
 * Checks a string a caller sends before it reaches an HTTP header, a file name or a log: refused with INVALID_PARAMS
 * (naming the parameter and the offending character's position, never the value, which may be a credential).
 * Refusing rather than cleaning, because a changed credential would fail later in a way nobody could explain, and a
 * changed name would no longer be the one the page showed.
 */
public final class CallerText {

    /** A JWT or another bearer credential: header-safe, and far longer than any real one. */
    public static final int MAX_CREDENTIAL = 16 * 1024;
    /** Document and file names: the usual file-system limit. */
    public static final int MAX_NAME = 255;

    private CallerText() {
    }

    /**
     * A value sent as (part of) an HTTP header or form field: visible ASCII only (RFC 9110 field values without
     * spaces or controls; JWTs and session ids are base64url and dots), at most {@code max} characters; null or
     * empty is empty.
     */
    public static String credential(String param, String value, int max) {
        if (value == null) {
            return "";
        }
        String text = value; // not stripped: a trailing U+2028 is as much an attack as one inside
        if (text.length() > max) {
            throw invalid(param, "dài " + text.length() + " ký tự, tối đa " + max, "is " + text.length()
                    + " characters long, at most " + max);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw invalid(param, "chỉ được gồm ký tự ASCII in được, không có dấu cách hay ký tự điều khiển ("
                        + describe(c) + " ở vị trí " + (i + 1) + ")", "must be printable ASCII without spaces or "
                        + "control characters (" + describe(c) + " at position " + (i + 1) + ")");
            }
        }
        return text;
    }

    /**
     * A document or file name shown to the person, written to the audit log and sent as a multipart file name: at
     * most {@link #MAX_NAME} characters, no control, line-separator, direction or other invisible format characters,
     * no path separators.
     */
    public static String name(String param, String value) {
        if (value == null) {
            return null;
        }
        int length = value.codePointCount(0, value.length());
        if (length > MAX_NAME) {
            throw invalid(param, "dài " + length + " ký tự, tối đa " + MAX_NAME, "is " + length
                    + " characters long, at most " + MAX_NAME);
        }
        int position = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            position++;
            int type = Character.getType(cp);
            if (cp == '/' || cp == '\\' || type == Character.CONTROL || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.SURROGATE || type == Character.UNASSIGNED) {
                throw invalid(param, "không được chứa ký tự điều khiển, ký tự ẩn hay dấu phân cách đường dẫn ("
                        + describe(cp) + " ở vị trí " + position + ")", "must not contain control, invisible or "
                        + "path-separator characters (" + describe(cp) + " at position " + position + ")");
            }
        }
        return value;
    }

    private static String describe(int cp) {
        return String.format("U+%04X", cp);
    }

    /** INVALID_PARAMS whose detail says the same in both languages (the catalogue's text has one slot). */
    private static KysoException invalid(String param, String vi, String en) {
        return new KysoException(RequestError.INVALID_PARAMS, Map.of("param", param), null,
                param + " " + vi + " / " + param + " " + en);
    }
}
