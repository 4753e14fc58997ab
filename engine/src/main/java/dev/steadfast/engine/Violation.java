package dev.steadfast.engine;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * One broken rule of a policy description, as a value: the member, its value and the rule. Each policy checks its
 * rules in one place and reports what it finds as violations instead of throwing, so that every front end words a
 * broken rule the same way and only adds where the value came from: an annotation member on a method (and the config
 * key that set it), or an option of a programmatic builder.
 *
 * <p>Members are named as the annotations name them ({@code maxDelay}, {@code value}). Times are {@link Duration}s.
 * A rule that compares the member with another one names that member in {@link #other()}, and holds the place of its
 * value with {@code {}} in {@link #rule()}: {@code "is below delay {}; a cap must not be below the delay"}.
 *
 * @param member     the member whose value breaks the rule
 * @param value      its value: an {@code Integer}, {@code Double}, {@link Duration} (times) or enum constant
 * @param rule       what is wrong and what to do, to follow the value in a message ("is not within [0, 1]")
 * @param other      the other member the rule involves, or {@code null}
 * @param otherValue that member's value, or {@code null}
 */
public record Violation(String member, Object value, String rule, String other, Object otherValue) {

    /** Where a rule that compares shows the other member's value. */
    public static final String OTHER = "{}";

    public Violation {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(rule, "rule");
    }

    /** A rule about one member. */
    public static Violation of(String member, Object value, String rule) {
        return new Violation(member, value, rule, null, null);
    }

    /** {@code value} is below {@code min}: {@code "is below 1; <why>"}. */
    public static Violation below(String member, int value, int min, String why) {
        return of(member, value, "is below " + min + "; " + why);
    }

    /** A ratio outside [0, 1]. */
    public static Violation notWithin01(String member, double value) {
        return of(member, value, "is not within [0, 1]");
    }

    /** A negative time. */
    public static Violation negative(String member, long nanos) {
        return of(member, time(nanos), "is negative; times must be 0 or more");
    }

    /** A time in nanoseconds as a violation shows it. */
    public static Duration time(long nanos) {
        return Duration.ofNanos(nanos);
    }

    /** Whether the rule is about {@code name}, as the member or as the other member it compares with. */
    public boolean involves(String name) {
        return member.equals(name) || name.equals(other);
    }

    /**
     * Whether the rule compares two times: then a message should show both with their units, since they may have
     * been written in different ones ({@code 500 ms is not above delay 1 s}).
     */
    public boolean comparesTimes() {
        return value instanceof Duration && otherValue instanceof Duration && rule.contains(OTHER);
    }

    /** The rule, with the other member's value shown as {@code shownOther}. */
    public String rule(String shownOther) {
        return other == null ? rule : rule.replace(OTHER, shownOther);
    }

    /** {@code maxDelay 50 ms is below delay 100 ms; a cap must not be below the delay}. */
    public String message() {
        return member + " " + show(value) + " " + rule(show(otherValue));
    }

    /**
     * A value as the engine shows it: a time in the largest unit that holds it exactly ({@code 1500 ms}, {@code 2 s}),
     * anything else as {@link String#valueOf}.
     */
    public static String show(Object value) {
        if (!(value instanceof Duration d)) {
            return String.valueOf(value);
        }
        long nanos;
        try {
            nanos = d.toNanos();
        } catch (ArithmeticException tooLong) {
            return d.toString();
        }
        if (nanos == 0) {
            return "0 s";
        }
        String[] symbols = {"d", "h", "m", "s", "ms", "us"};
        long[] sizes = {86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
        for (int i = 0; i < sizes.length; i++) {
            if (nanos % sizes[i] == 0) {
                return nanos / sizes[i] + " " + symbols[i];
            }
        }
        return nanos + " ns";
    }

    /**
     * The exception a policy throws when it is built with broken values: its type and every violation, such as
     * {@code RetryPolicy: jitter 1.5 is not within [0, 1]}.
     */
    public static IllegalArgumentException failure(String policy, List<Violation> violations) {
        StringJoiner j = new StringJoiner("; and ", policy + ": ", "");
        for (Violation v : violations) {
            j.add(v.message());
        }
        return new IllegalArgumentException(j.toString());
    }

    /** Throws {@link #failure} when there is any violation. */
    public static void requireNone(String policy, List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw failure(policy, violations);
        }
    }
}
