package vn.kyso.verify.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times as a văn thư reads them: Vietnam time, day first, with the offset said once so nobody has to guess whether
 * a printed time is UTC.
 */
public final class ReportTime {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss '(UTC+7)'")
            .withZone(VIETNAM);
    /** ISO-8601 UTC instants as {@link Instant#toString()} writes them into the verifier's English details. */
    private static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z");

    private ReportTime() {
    }

    /** {@code 27/11/2025 14:35:22 (UTC+7)}; never called with null by the wording, which says why a time is missing. */
    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /** Rewrites every ISO instant inside a technical detail into Vietnam time, leaving the rest as it is. */
    static String rewriteInstants(String text) {
        Matcher m = ISO_INSTANT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            try {
                replacement = format(Instant.parse(m.group()));
            } catch (DateTimeParseException e) {
                replacement = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
