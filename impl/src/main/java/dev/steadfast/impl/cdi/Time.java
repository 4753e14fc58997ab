package dev.steadfast.impl.cdi;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * A resolved time member: nanoseconds, as written, where it came from and in which unit a bare number counts.
 * {@code broken} says that reading it already reported a problem (unparsable, too large), so the policy's rules skip
 * it instead of judging a value nobody wrote.
 *
 * @param nanos  the time in nanoseconds, {@code 0} when broken
 * @param raw    the value as written (annotation value or config string)
 * @param key    the config key it came from, or {@code null} when it is the annotation's
 * @param unit   the unit of a bare number
 * @param broken whether a problem was already reported for it
 */
record Time(long nanos, String raw, String key, ChronoUnit unit, boolean broken) implements Written {

    /** The time itself. */
    Duration duration() {
        return Duration.ofNanos(nanos);
    }

    /** {@code 500} or {@code 500 (from config key ...)}: the value as the user wrote it. */
    @Override
    public String shown() {
        return key == null ? raw : raw + " (from config key " + key + ")";
    }

    /** {@code 500 ms}, {@code PT2S (from config key ...)}: a bare number gets its unit, for rules comparing times. */
    @Override
    public String shownWithUnit() {
        String written = raw.matches("-?\\d+") ? raw + " " + symbol(unit) : raw;
        return key == null ? written : written + " (from config key " + key + ")";
    }

    private static String symbol(ChronoUnit unit) {
        return switch (unit) {
            case NANOS -> "ns";
            case MICROS -> "us";
            case MILLIS -> "ms";
            case SECONDS -> "s";
            case MINUTES -> "m";
            case HOURS -> "h";
            case DAYS -> "d";
            default -> unit.name();
        };
    }
}
