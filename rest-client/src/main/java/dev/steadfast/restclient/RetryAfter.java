package dev.steadfast.restclient;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a {@code Retry-After} header value (RFC 9110, section 10.2.3): a number of seconds, or an HTTP date (the
 * IMF-fixdate, and the obsolete RFC 850 and asctime forms a recipient must still accept). A date in the past is a
 * zero delay; anything longer than the cap (a far date, {@code 86400}, more digits than a long holds) is the cap; a
 * value that is neither form (a negative number, a fraction, garbage) is no hint at all.
 */
final class RetryAfter {

    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.RFC_1123_DATE_TIME,
            rfc850(),
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(java.time.ZoneOffset.UTC));

    private RetryAfter() {
    }

    /** {@code Sunday, 06-Nov-94 08:49:37 GMT}; a two-digit year is read within 1970 to 2069. */
    private static DateTimeFormatter rfc850() {
        return new DateTimeFormatterBuilder().appendPattern("EEEE, dd-MMM-")
                .appendValueReduced(ChronoField.YEAR, 2, 2, 1970).appendPattern(" HH:mm:ss zzz")
                .toFormatter(Locale.US);
    }

    /**
     * @param value the header's value, or {@code null} when the response has none
     * @param now   the current time, for dates
     * @param cap   the longest delay returned
     * @return the delay, or empty when there is no usable value
     */
    static Optional<Duration> parse(String value, Instant now, Duration cap) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (isDigits(v)) {
            // 19 digits may already overflow a long; anything that long is far beyond any cap.
            if (v.length() > 18) {
                return Optional.of(cap);
            }
            return Optional.of(min(Duration.ofSeconds(Long.parseLong(v)), cap));
        }
        for (DateTimeFormatter f : DATES) {
            try {
                Instant at = ZonedDateTime.parse(v, f).toInstant();
                Duration d = Duration.between(now, at);
                return Optional.of(d.isNegative() ? Duration.ZERO : min(d, cap));
            } catch (DateTimeParseException | ArithmeticException notThisForm) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    private static boolean isDigits(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
