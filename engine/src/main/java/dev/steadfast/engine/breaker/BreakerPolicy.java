package dev.steadfast.engine.breaker;

import dev.steadfast.Scope;
import dev.steadfast.engine.ExceptionMatcher;
import dev.steadfast.engine.Violation;
import dev.steadfast.engine.time.Nanos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * What a circuit breaker does, resolved and validated: times in nanoseconds. Immutable; build one with
 * {@link #builder()}, whose rules ({@link Builder#violations()}) are the only check of a breaker's values. Two equal
 * policies describe the same breaker, which is how the registry and the front ends check that every method sharing a
 * named breaker agrees on it.
 *
 * <p>{@code equals} and {@code hashCode} are written out (not a record's), because a record's go through a JDK cache
 * that kept the last compared classes, and with them an undeployed application's class loader, reachable.
 */
public final class BreakerPolicy {

    /** The members as the annotation names them, in the order of {@link #values()}. */
    private static final String[] NAMES = {"requestVolumeThreshold", "failureRatio", "delay", "successThreshold",
        "halfOpenMaxCalls", "failOn", "slowCallThreshold", "scope", "quorum"};

    private final int requestVolumeThreshold;
    private final double failureRatio;
    private final long delayNanos;
    private final int successThreshold;
    private final int halfOpenMaxCalls;
    private final ExceptionMatcher failOn;
    private final long slowCallThresholdNanos;
    private final Scope scope;
    private final int quorum;

    private BreakerPolicy(Builder b) {
        this.requestVolumeThreshold = b.requestVolumeThreshold;
        this.failureRatio = b.failureRatio;
        this.delayNanos = b.delayNanos;
        this.successThreshold = b.successThreshold;
        this.halfOpenMaxCalls = b.halfOpenMaxCalls;
        this.failOn = new ExceptionMatcher(b.failOn, b.skipOn);
        this.slowCallThresholdNanos = b.slowCallThresholdNanos;
        this.scope = b.scope;
        this.quorum = b.quorum;
    }

    /** A builder with {@link dev.steadfast.CircuitBreaker @CircuitBreaker}'s defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults of {@code @CircuitBreaker}: 20 calls, ratio 0.5, 5 s delay, 1 success, 1 trial, every failure. */
    public static BreakerPolicy defaults() {
        return builder().build();
    }

    /** Size of the rolling window of recent outcomes; no decision before it has filled once (at least 1). */
    public int requestVolumeThreshold() {
        return requestVolumeThreshold;
    }

    /** Opens when failures / window reaches this ratio, within [0, 1]; see {@link #failureThreshold()}. */
    public double failureRatio() {
        return failureRatio;
    }

    /** Time OPEN before trial calls are let through (0 or more). */
    public long delayNanos() {
        return delayNanos;
    }

    /** Successful trial calls that close it (at least 1). */
    public int successThreshold() {
        return successThreshold;
    }

    /** Trial calls in flight at once in HALF_OPEN (at least 1). */
    public int halfOpenMaxCalls() {
        return halfOpenMaxCalls;
    }

    /**
     * Which failures count: include = {@code failOn}, exclude = {@code skipOn}; a failure it does not match counts as
     * a success.
     */
    public ExceptionMatcher failOn() {
        return failOn;
    }

    /** A call that returns normally but took longer than this counts as a failure; {@code 0} switches it off. */
    public long slowCallThresholdNanos() {
        return slowCallThresholdNanos;
    }

    /** Whether the breaker is this instance's or the fleet's ({@link Scope#CLUSTER}, a named breaker only). */
    public Scope scope() {
        return scope;
    }

    /**
     * For {@link Scope#CLUSTER}: how many members must report failing windows for the fleet's windows to open every
     * member; {@code 0} means a majority of the members that called in the window, at least 2.
     */
    public int quorum() {
        return quorum;
    }

    /**
     * The number of failures in a full window that opens the breaker: the smallest {@code k} in
     * [1, {@code requestVolumeThreshold}] with {@code k / requestVolumeThreshold >= failureRatio}. Computed with the
     * same division the rule states, so {@code 0.3} of 10 is 3 (not 4, as {@code ceil(0.3 * 10)} would say in
     * floating point). A ratio of {@code 0} still needs one failure: a window of successes never opens a breaker.
     */
    public int failureThreshold() {
        int n = requestVolumeThreshold;
        int k = (int) Math.min(n, Math.max(1, Math.ceil(failureRatio * n)));
        while (k > 1 && (double) (k - 1) / n >= failureRatio) {
            k--;
        }
        while (k < n && (double) k / n < failureRatio) {
            k++;
        }
        return k;
    }

    /** Whether a call that returned normally after {@code durationNanos} counts as a failure for being slow. */
    public boolean isSlow(long durationNanos) {
        return slowCallThresholdNanos > 0 && durationNanos > slowCallThresholdNanos;
    }

    /**
     * How this policy differs from {@code other}, member by member, for messages:
     * {@code requestVolumeThreshold 5 vs 4, delay 5 s vs 30 s}; empty when they are equal.
     */
    public String differences(BreakerPolicy other) {
        Object[] mine = values();
        Object[] theirs = other.values();
        StringJoiner j = new StringJoiner(", ");
        for (int i = 0; i < mine.length; i++) {
            if (!Objects.equals(mine[i], theirs[i])) {
                j.add(NAMES[i] + " " + shown(i, mine[i]) + " vs " + shown(i, theirs[i]));
            }
        }
        return j.toString();
    }

    /** Every value, in the order of {@link #NAMES}: what equals, hashCode, toString and differences use. */
    private Object[] values() {
        return new Object[] {requestVolumeThreshold, failureRatio, delayNanos, successThreshold, halfOpenMaxCalls,
                failOn, slowCallThresholdNanos, scope, quorum};
    }

    private static String shown(int member, Object value) {
        boolean time = member == 2 || member == 6;
        return time ? Violation.show(Violation.time((Long) value)) : String.valueOf(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BreakerPolicy p && Arrays.equals(values(), p.values());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values());
    }

    /** {@code BreakerPolicy[requestVolumeThreshold=20, failureRatio=0.5, delay=5 s, ...]}. */
    @Override
    public String toString() {
        Object[] values = values();
        StringJoiner j = new StringJoiner(", ", "BreakerPolicy[", "]");
        for (int i = 0; i < values.length; i++) {
            j.add(NAMES[i] + "=" + shown(i, values[i]));
        }
        return j.toString();
    }

    /**
     * Collects a breaker's values, starting from {@link dev.steadfast.CircuitBreaker @CircuitBreaker}'s defaults: a
     * window of 20 calls, opens at a failure ratio of 0.5, 5 s open, 1 successful trial closes it, 1 trial at a time,
     * every failure counts, no slow-call threshold, {@link Scope#LOCAL}, the default quorum. Not thread-safe.
     */
    public static final class Builder {

        private int requestVolumeThreshold = 20;
        private double failureRatio = 0.5;
        private long delayNanos = Duration.ofSeconds(5).toNanos();
        private int successThreshold = 1;
        private int halfOpenMaxCalls = 1;
        private List<Class<? extends Throwable>> failOn = List.of(Throwable.class);
        private List<Class<? extends Throwable>> skipOn = List.of();
        private long slowCallThresholdNanos;
        private Scope scope = Scope.LOCAL;
        private int quorum;

        private Builder() {
        }

        /** The size of the rolling window, at least 1. */
        public Builder requestVolumeThreshold(int value) {
            this.requestVolumeThreshold = value;
            return this;
        }

        /** Opens when failures / window reaches this ratio, within [0, 1]. */
        public Builder failureRatio(double value) {
            this.failureRatio = value;
            return this;
        }

        /** The time OPEN before trial calls are let through. */
        public Builder delay(Duration value) {
            this.delayNanos = Nanos.of(Objects.requireNonNull(value, "delay"));
            return this;
        }

        /** Successful trial calls that close it, at least 1. */
        public Builder successThreshold(int value) {
            this.successThreshold = value;
            return this;
        }

        /** Trial calls at once in HALF_OPEN, at least 1. */
        public Builder halfOpenMaxCalls(int value) {
            this.halfOpenMaxCalls = value;
            return this;
        }

        /** The failures that count. */
        public Builder failOn(List<Class<? extends Throwable>> failures) {
            this.failOn = List.copyOf(failures);
            return this;
        }

        /** Failures that count as successes; wins over {@link #failOn}. */
        public Builder skipOn(List<Class<? extends Throwable>> failures) {
            this.skipOn = List.copyOf(failures);
            return this;
        }

        /** A successful call slower than this counts as a failure; zero switches it off. */
        public Builder slowCallThreshold(Duration value) {
            this.slowCallThresholdNanos = Nanos.of(Objects.requireNonNull(value, "slowCallThreshold"));
            return this;
        }

        /** {@link Scope#CLUSTER} shares the breaker with the fleet, by quorum; only for a named breaker. */
        public Builder scope(Scope value) {
            this.scope = Objects.requireNonNull(value, "scope");
            return this;
        }

        /** For {@link Scope#CLUSTER}: the members whose failures may open the fleet; {@code 0} for the majority. */
        public Builder quorum(int value) {
            this.quorum = value;
            return this;
        }

        /**
         * Every rule these values break for a breaker with or without a name: {@link #violations()}, and
         * {@link Scope#CLUSTER} on an unnamed breaker, which the fleet could not identify.
         */
        public List<Violation> violations(boolean named) {
            List<Violation> found = violations();
            if (!named && scope == Scope.CLUSTER) {
                found.add(Violation.of("scope", scope, "needs a name: the fleet shares a breaker by its name, and an"
                        + " unnamed breaker belongs to one method; give it one with name = \"...\""));
            }
            return found;
        }

        /**
         * Every rule these values break, in the order of the members: the one check of a breaker's values. Members
         * are named as {@code @CircuitBreaker} names them.
         */
        public List<Violation> violations() {
            List<Violation> found = new ArrayList<>();
            if (requestVolumeThreshold < 1) {
                found.add(Violation.below("requestVolumeThreshold", requestVolumeThreshold, 1,
                        "the window needs at least one call"));
            }
            if (requestVolumeThreshold > RollingWindow.MAX_SIZE) {
                found.add(Violation.of("requestVolumeThreshold", requestVolumeThreshold, "is above "
                        + RollingWindow.MAX_SIZE + ", the largest window a breaker can track"));
            }
            if (!(failureRatio >= 0 && failureRatio <= 1)) {
                found.add(Violation.notWithin01("failureRatio", failureRatio));
            }
            if (delayNanos < 0) {
                found.add(Violation.negative("delay", delayNanos));
            }
            if (successThreshold < 1) {
                found.add(Violation.below("successThreshold", successThreshold, 1,
                        "closing needs at least one successful trial"));
            }
            if (halfOpenMaxCalls < 1) {
                found.add(Violation.below("halfOpenMaxCalls", halfOpenMaxCalls, 1,
                        "HALF_OPEN needs at least one trial call"));
            }
            if (slowCallThresholdNanos < 0) {
                found.add(Violation.negative("slowCallThreshold", slowCallThresholdNanos));
            }
            if (quorum < 0) {
                found.add(Violation.of("quorum", quorum, "is negative; use 0 for a majority of the members that"
                        + " called, or the number of members whose failures may open the fleet"));
            }
            return found;
        }

        /**
         * The policy.
         *
         * @throws IllegalArgumentException naming every {@linkplain #violations() violation}, when there is one
         */
        public BreakerPolicy build() {
            Violation.requireNone("BreakerPolicy", violations());
            return new BreakerPolicy(this);
        }
    }
}
