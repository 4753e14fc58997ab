package dev.steadfast.guard;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The rules of {@code docs/validation.md} for guard options; messages name the guard, option, value and rule. */
final class Rules {

    private final String guard;

    Rules(String guard) {
        this.guard = guard;
    }

    IllegalArgumentException broken(String option, Object value, String rule) {
        return new IllegalArgumentException("Guard '" + guard + "': " + option + " " + value + " " + rule);
    }

    int atLeast(String option, int value, int min) {
        if (value < min) {
            throw broken(option, value, "is below " + min);
        }
        return value;
    }

    double within01(String option, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw broken(option, value, "is not within [0, 1]");
        }
        return value;
    }

    /** A time of 0 or more, in nanoseconds (saturating: a duration beyond ~292 years is "forever"). */
    long nanos(String option, Duration value) {
        Objects.requireNonNull(value, option);
        if (value.isNegative()) {
            throw broken(option, value, "is negative; times must be 0 or more");
        }
        try {
            return value.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    long positiveNanos(String option, Duration value) {
        long n = nanos(option, value);
        if (n == 0) {
            throw broken(option, value, "is 0; it must be positive");
        }
        return n;
    }

    static <T> List<T> listOf(T[] values, String option) {
        for (T v : values) {
            Objects.requireNonNull(v, option);
        }
        return List.of(values);
    }
}
