package dev.steadfast.engine.time;

import java.time.Duration;
import java.util.Objects;

/** Durations as the engine keeps them: a {@code long} of nanoseconds. */
public final class Nanos {

    private Nanos() {
    }

    /**
     * {@code value} in nanoseconds; a duration too long for a {@code long} (about 292 years) saturates to the longest
     * one, and a negative one stays negative, for a policy's rules to report.
     */
    public static long of(Duration value) {
        Objects.requireNonNull(value, "duration");
        try {
            return value.toNanos();
        } catch (ArithmeticException tooLong) {
            return value.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
