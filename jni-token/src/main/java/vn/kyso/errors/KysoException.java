package vn.kyso.errors;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;

/**
 * The one exception type that crosses layer boundaries: a stable {@link ErrorCode}, arguments for its message,
 * and machine-readable details (never secrets: no PIN, no key handle, no document content).
 */
public class KysoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorCode errorCode;
    private final transient Object[] arguments;
    private final transient Map<String, Object> details;

    public KysoException(ErrorCode errorCode, Object... arguments) {
        this(errorCode, Map.of(), null, arguments);
    }

    public KysoException(ErrorCode errorCode, Map<String, Object> details, Throwable cause, Object... arguments) {
        super(errorCode.code() + ": " + format(errorCode.messageEn(), arguments), cause);
        this.errorCode = errorCode;
        this.arguments = arguments.clone();
        this.details = Map.copyOf(details);
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public String code() {
        return errorCode.code();
    }

    public String messageVi() {
        return format(errorCode.messageVi(), arguments);
    }

    public String messageEn() {
        return format(errorCode.messageEn(), arguments);
    }

    public Map<String, Object> details() {
        return details;
    }

    private static String format(String pattern, Object[] arguments) {
        if (arguments.length == 0) {
            return pattern;
        }
        // MessageFormat treats ' specially; escape it so Vietnamese/English text is printed as written.
        return new MessageFormat(pattern.replace("'", "''"), Locale.ROOT).format(arguments);
    }
}
