package vn.kyso.pdf.appearance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ngày ban hành into the template: the blanks of "ngày … tháng … năm …" (spaces, dots or underscores) get the day,
 * the month and, where it is blank too, the year, written as Nghị định 30/2020 writes them; a template that prints
 * only the place ("Ninh Bình,") gets the whole date after {@code placeLabel}. With a place label, the blanks on
 * that line are used; without one, the first date blanks from page 1.
 */
public record IssueDate(LocalDate date, String placeLabel) implements Companion {

    public IssueDate {
        if (date == null) {
            throw new IllegalArgumentException("issue date is required");
        }
        placeLabel = placeLabel == null || placeLabel.isBlank() ? null : placeLabel;
    }

    private static final Pattern WRITTEN = Pattern.compile(
            "(?:ngày\\s+)?(\\d{1,2})\\s+tháng\\s+(\\d{1,2})\\s+năm\\s+(\\d{4})", Pattern.CASE_INSENSITIVE);

    /**
     * The clerk's date as pages and command lines give it: dd/MM/yyyy, yyyy-MM-dd or "ngày 5 tháng 3 năm 2026";
     * none means the signing date in Vietnam (the signing date is the issue date).
     *
     * @throws IllegalArgumentException for any other text
     */
    public static LocalDate parse(String given, Instant signingTime) {
        if (given == null || given.isBlank()) {
            return LocalDate.ofInstant(signingTime, StampTime.VIETNAM);
        }
        String text = java.text.Normalizer.normalize(given.strip(), java.text.Normalizer.Form.NFC);
        for (String pattern : List.of("d/M/uuuu", "uuuu-MM-dd", "d-M-uuuu", "d.M.uuuu")) {
            try {
                return LocalDate.parse(text, DateTimeFormatter.ofPattern(pattern));
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        Matcher written = WRITTEN.matcher(text);
        if (written.matches()) {
            try {
                return LocalDate.of(Integer.parseInt(written.group(3)), Integer.parseInt(written.group(2)),
                        Integer.parseInt(written.group(1)));
            } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException("no such date: " + given, e);
            }
        }
        throw new IllegalArgumentException("issue date must be dd/MM/yyyy, yyyy-MM-dd or \"ngày … tháng … năm …\"");
    }

    /** What the reply to the page echoes: "ngày 05 tháng 3 năm 2026". */
    public String text() {
        return StampTime.issueDate(date);
    }
}
