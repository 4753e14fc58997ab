package dev.steadfast.internal;

import java.time.Duration;
import java.util.Locale;

/**
 * Durations in messages, the way a person reads them: {@code 250 ms}, {@code 1.7 s}, {@code 2.5 min}. Shared by the
 * API's exceptions and the implementation's log lines. Not part of the public API: it may change in any release.
 */
public final class TimeFormat {

    private TimeFormat() {
    }

    /** Formats {@code d} for a message. */
    public static String format(Duration d) {
        return formatNanos(d.toNanos());
    }

    /** Formats a duration in nanoseconds for a message. */
    public static String formatNanos(long nanos) {
        if (nanos == 0) {
            return "0 ms";
        }
        if (nanos < 1_000_000L) {
            return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
        }
        if (nanos < 1_000_000_000L) {
            return (nanos / 1_000_000L) + " ms";
        }
        if (nanos < 60_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
        }
        return String.format(Locale.ROOT, "%.1f min", nanos / 6e10);
    }
}
