package dev.steadfast.engine.timeout;

import dev.steadfast.engine.Violation;

import java.util.List;

/**
 * How long a call may take, resolved and validated; {@link #violations} is the one check of its value.
 *
 * <p>{@code equals}, {@code hashCode} and {@code toString} are written out: a record's generated ones go through a
 * JDK cache that kept the last compared classes, and with them an undeployed application's class loader, reachable.
 *
 * <p>The constructor throws {@link IllegalArgumentException} naming the violation, when there is one.
 *
 * @param timeoutNanos the time an attempt may take ({@code @Timeout.value}), positive
 */
public record TimeoutPolicy(long timeoutNanos) {

    public TimeoutPolicy {
        Violation.requireNone("TimeoutPolicy", violations(timeoutNanos));
    }

    /** The rule this value breaks, if any; the member is named as {@code @Timeout} names it. */
    public static List<Violation> violations(long timeoutNanos) {
        if (timeoutNanos < 0) {
            return List.of(Violation.negative("value", timeoutNanos));
        }
        if (timeoutNanos == 0) {
            return List.of(Violation.of("value", Violation.time(0), "is 0; a timeout must be positive"));
        }
        return List.of();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeoutPolicy p && timeoutNanos == p.timeoutNanos;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(timeoutNanos);
    }

    @Override
    public String toString() {
        return "TimeoutPolicy[" + Violation.show(Violation.time(timeoutNanos)) + "]";
    }
}
