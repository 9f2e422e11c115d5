package vn.kyso.pdf.appearance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Times and dates as the stamps print them. */
public final class StampTime {

    /** Vietnam has no daylight saving time: a fixed +07:00 is exact for any date. */
    public static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);

    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private StampTime() {
    }

    /** ISO 8601 in Vietnam's offset to the second, e.g. {@code 2025-11-27T14:35:22+07:00}. */
    public static String iso(Instant instant) {
        return ISO_SECONDS.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(VIETNAM));
    }

    public static String iso(OffsetDateTime time) {
        return iso(time.toInstant());
    }

    /**
     * Ngày ban hành as Nghị định 30/2020 writes it: {@code ngày 05 tháng 01 năm 2025} — days below 10 and the months
     * 1 and 2 take a leading zero, other months do not ({@code ngày 27 tháng 11 năm 2025}, {@code tháng 3}).
     */
    public static String issueDate(LocalDate date) {
        return String.format("ngày %02d tháng %s năm %d", date.getDayOfMonth(), month(date), date.getYear());
    }

    /** The month as Nghị định 30/2020 writes it: "01", "02", then "3" … "12". */
    public static String month(LocalDate date) {
        int month = date.getMonthValue();
        return month <= 2 ? String.format("%02d", month) : Integer.toString(month);
    }
}
