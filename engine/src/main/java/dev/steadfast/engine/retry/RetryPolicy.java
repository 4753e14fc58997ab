package dev.steadfast.engine.retry;

import dev.steadfast.Backoff;
import dev.steadfast.engine.ExceptionMatcher;
import dev.steadfast.engine.Violation;
import dev.steadfast.engine.time.Nanos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What a retry does, resolved and validated: times in nanoseconds, {@code 0} meaning "none" where the annotation says
 * so. Immutable; build one with {@link #builder()}, whose rules ({@link Builder#violations()}) are the only check of
 * a retry's values: front ends report what they find, the builder refuses to build with it.
 *
 * <p>{@code equals} and {@code hashCode} are written out (not a record's), because a record's go through a JDK cache
 * that kept the last compared classes, and with them an undeployed application's class loader, reachable.
 */
public final class RetryPolicy {

    /** The names of {@link #values()}, for {@link #toString()}. */
    private static final String[] NAMES = {"maxRetries", "delayNanos", "backoff", "factor", "maxDelayNanos", "jitter",
        "maxDurationNanos", "retryOn", "retryOnResult", "jitterNanos", "rethrowLastFailure"};

    private final int maxRetries;
    private final long delayNanos;
    private final Backoff backoff;
    private final double factor;
    private final long maxDelayNanos;
    private final double jitter;
    private final long maxDurationNanos;
    private final ExceptionMatcher retryOn;
    private final Predicate<Object> retryOnResult;
    private final long jitterNanos;
    private final boolean rethrowLastFailure;

    private RetryPolicy(Builder b) {
        this.maxRetries = b.maxRetries;
        this.delayNanos = b.delayNanos;
        this.backoff = b.backoff;
        this.factor = b.factor;
        this.maxDelayNanos = b.maxDelayNanos;
        this.jitter = b.jitter;
        this.maxDurationNanos = b.maxDurationNanos;
        this.retryOn = new ExceptionMatcher(b.retryOn, b.abortOn);
        this.retryOnResult = b.retryOnResult;
        this.jitterNanos = b.jitterNanos;
        this.rethrowLastFailure = b.rethrowLastFailure;
    }

    /** A builder with {@link dev.steadfast.Retry @Retry}'s defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Retries after the first attempt; {@code -1} for no count limit. */
    public int maxRetries() {
        return maxRetries;
    }

    /** The base delay before each retry. */
    public long delayNanos() {
        return delayNanos;
    }

    public Backoff backoff() {
        return backoff;
    }

    /** The growth factor of {@link Backoff#EXPONENTIAL}, at least 1. */
    public double factor() {
        return factor;
    }

    /** A cap on any single delay; {@code 0} for none. */
    public long maxDelayNanos() {
        return maxDelayNanos;
    }

    /** Each delay is multiplied by a uniform random value in [1 - jitter, 1 + jitter]. */
    public double jitter() {
        return jitter;
    }

    /** The budget of all attempts and delays; {@code 0} for none. */
    public long maxDurationNanos() {
        return maxDurationNanos;
    }

    /** Which failures are retried: include = {@code retryOn}, exclude = {@code abortOn}. */
    public ExceptionMatcher retryOn() {
        return retryOn;
    }

    /** A result it accepts counts as a failed attempt; {@code null} when results are never retried. */
    public Predicate<Object> retryOnResult() {
        return retryOnResult;
    }

    /**
     * An absolute jitter: each delay moves by a uniform random amount in [-jitterNanos, +jitterNanos] (after the
     * relative {@link #jitter()}, never below zero); {@code 0} for none. MicroProfile Fault Tolerance's
     * {@code @Retry.jitter}.
     */
    public long jitterNanos() {
        return jitterNanos;
    }

    /**
     * When the budget is spent, the caller gets the last failure itself instead of a
     * {@link dev.steadfast.RetryExhaustedException} (MicroProfile's rule); the exhaustion is still announced to the
     * listener. A last attempt that returned a rejected result still ends in the exhaustion exception, as there is no
     * failure to rethrow.
     */
    public boolean rethrowLastFailure() {
        return rethrowLastFailure;
    }

    /** Every value, in one order: what {@link #equals}, {@link #hashCode} and {@link #toString} compare and show. */
    private Object[] values() {
        return new Object[] {maxRetries, delayNanos, backoff, factor, maxDelayNanos, jitter, maxDurationNanos,
                retryOn, retryOnResult, jitterNanos, rethrowLastFailure};
    }

    /** Equal when every value is; a result predicate only equals itself. */
    @Override
    public boolean equals(Object o) {
        return o instanceof RetryPolicy p && Arrays.equals(values(), p.values());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values());
    }

    @Override
    public String toString() {
        Object[] values = values();
        StringBuilder b = new StringBuilder("RetryPolicy[");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ", ").append(NAMES[i]).append('=').append(values[i]);
        }
        return b.append(']').toString();
    }

    /**
     * Collects a retry's values, starting from {@link dev.steadfast.Retry @Retry}'s defaults: 3 retries, no delay,
     * constant backoff (factor 2), no delay cap, no jitter, a 180 s budget, retry on every {@link Exception}, abort on
     * none, no result retried. Times beyond about 292 years count as the longest time a {@code long} of nanoseconds
     * holds. Not thread-safe.
     */
    public static final class Builder {

        private int maxRetries = 3;
        private long delayNanos;
        private Backoff backoff = Backoff.CONSTANT;
        private double factor = 2.0;
        private long maxDelayNanos;
        private double jitter;
        private long maxDurationNanos = Duration.ofMinutes(3).toNanos();
        private List<Class<? extends Throwable>> retryOn = List.of(Exception.class);
        private List<Class<? extends Throwable>> abortOn = List.of();
        private Predicate<Object> retryOnResult;
        private long jitterNanos;
        private boolean rethrowLastFailure;
        private boolean mayRetryForever;

        private Builder() {
        }

        /** Retries after the first attempt; {@code -1} for no count limit (then {@link #maxDuration} bounds it). */
        public Builder maxRetries(int value) {
            this.maxRetries = value;
            return this;
        }

        /** The base delay before each retry. */
        public Builder delay(Duration value) {
            this.delayNanos = Nanos.of(Objects.requireNonNull(value, "delay"));
            return this;
        }

        public Builder backoff(Backoff value) {
            this.backoff = Objects.requireNonNull(value, "backoff");
            return this;
        }

        /** The growth factor of {@link Backoff#EXPONENTIAL}, at least 1. */
        public Builder factor(double value) {
            this.factor = value;
            return this;
        }

        /** A cap on any single delay; zero for none. */
        public Builder maxDelay(Duration value) {
            this.maxDelayNanos = Nanos.of(Objects.requireNonNull(value, "maxDelay"));
            return this;
        }

        /** Each delay is multiplied by a uniform random value in [1 - jitter, 1 + jitter]; within [0, 1]. */
        public Builder jitter(double value) {
            this.jitter = value;
            return this;
        }

        /** The budget of all attempts and delays; zero for none. */
        public Builder maxDuration(Duration value) {
            this.maxDurationNanos = Nanos.of(Objects.requireNonNull(value, "maxDuration"));
            return this;
        }

        /** The failures that are retried, subclasses included. */
        public Builder retryOn(List<Class<? extends Throwable>> failures) {
            this.retryOn = List.copyOf(failures);
            return this;
        }

        /** The failures never retried; wins over {@link #retryOn}. */
        public Builder abortOn(List<Class<? extends Throwable>> failures) {
            this.abortOn = List.copyOf(failures);
            return this;
        }

        /** A result this predicate accepts counts as a failed attempt; {@code null} for none. */
        public Builder retryOnResult(Predicate<Object> predicate) {
            this.retryOnResult = predicate;
            return this;
        }

        /** An absolute jitter, MicroProfile's {@code @Retry.jitter}; see {@link RetryPolicy#jitterNanos()}. */
        public Builder jitterDelay(Duration value) {
            this.jitterNanos = Nanos.of(Objects.requireNonNull(value, "jitterDelay"));
            return this;
        }

        /** MicroProfile's rule for an exhausted retry; see {@link RetryPolicy#rethrowLastFailure()}. */
        public Builder rethrowLastFailure(boolean value) {
            this.rethrowLastFailure = value;
            return this;
        }

        /**
         * Allows {@code maxRetries = -1} with no {@code maxDuration}: retrying until a call succeeds, as MicroProfile
         * Fault Tolerance allows. Steadfast's own rules refuse it: such retries would never end.
         */
        public Builder mayRetryForever(boolean value) {
            this.mayRetryForever = value;
            return this;
        }

        /**
         * Every rule these values break, in the order of the members: the one check of a retry's values. Members are
         * named as {@code @Retry} names them; the absolute jitter is {@code jitterDelay}.
         */
        public List<Violation> violations() {
            List<Violation> found = new ArrayList<>();
            if (maxRetries < -1) {
                found.add(Violation.below("maxRetries", maxRetries, -1, "use -1 for no count limit"));
            }
            if (delayNanos < 0) {
                found.add(Violation.negative("delay", delayNanos));
            }
            if (!(factor >= 1)) {
                found.add(Violation.of("factor", factor, "is below 1; a backoff factor must be at least 1"));
            }
            if (maxDelayNanos < 0) {
                found.add(Violation.negative("maxDelay", maxDelayNanos));
            } else if (maxDelayNanos > 0 && delayNanos >= 0 && maxDelayNanos < delayNanos) {
                found.add(new Violation("maxDelay", Violation.time(maxDelayNanos), "is below delay " + Violation.OTHER
                        + "; a cap must not be below the delay", "delay", Violation.time(delayNanos)));
            }
            if (!(jitter >= 0 && jitter <= 1)) {
                found.add(Violation.notWithin01("jitter", jitter));
            }
            if (maxDurationNanos < 0) {
                found.add(Violation.negative("maxDuration", maxDurationNanos));
            } else if (maxDurationNanos > 0 && delayNanos >= 0 && maxDurationNanos <= delayNanos) {
                found.add(new Violation("maxDuration", Violation.time(maxDurationNanos), "is not above delay "
                        + Violation.OTHER + "; no retry could start within it", "delay", Violation.time(delayNanos)));
            }
            if (maxRetries == -1 && maxDurationNanos == 0 && !mayRetryForever) {
                found.add(new Violation("maxRetries", maxRetries, "(no count limit) needs a maxDuration, but"
                        + " maxDuration is 0; the retries would never end", "maxDuration", Violation.time(0)));
            }
            if (jitterNanos < 0) {
                found.add(Violation.negative("jitterDelay", jitterNanos));
            }
            return found;
        }

        /**
         * The policy.
         *
         * @throws IllegalArgumentException naming every {@linkplain #violations() violation}, when there is one
         */
        public RetryPolicy build() {
            Violation.requireNone("RetryPolicy", violations());
            return new RetryPolicy(this);
        }
    }
}
