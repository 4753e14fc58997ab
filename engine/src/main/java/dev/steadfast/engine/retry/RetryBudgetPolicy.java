package dev.steadfast.engine.retry;

import dev.steadfast.engine.Violation;
import dev.steadfast.engine.time.Nanos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a retry budget allows, resolved and validated: every call deposits {@link #ratio()} retry tokens, every retry
 * withdraws one, both count for {@link #windowNanos()}, and a reserve of {@code minPerSecond × window} is always there.
 * Immutable; build one with {@link #builder()}, whose {@link Builder#violations()} are the only check of its values.
 * Two equal policies describe the same budget: methods and guards sharing a named budget must agree on it.
 */
public final class RetryBudgetPolicy {

    /** The longest window: a day. Slots of a tenth of it keep their epoch in 32 bits for centuries. */
    static final long MAX_WINDOW_NANOS = Duration.ofDays(1).toNanos();

    private final double ratio;
    private final int minPerSecond;
    private final long windowNanos;

    private RetryBudgetPolicy(Builder b) {
        this.ratio = b.ratio;
        this.minPerSecond = b.minPerSecond;
        this.windowNanos = b.windowNanos;
    }

    /** A builder with {@link dev.steadfast.RetryBudget @RetryBudget}'s defaults: ratio 0.1, 10 per second, 10 s. */
    public static Builder builder() {
        return new Builder();
    }

    /** Retry tokens each call deposits, in [0, 1]. */
    public double ratio() {
        return ratio;
    }

    /** Retries per second always allowed: the reserve is {@code minPerSecond × window}. */
    public int minPerSecond() {
        return minPerSecond;
    }

    /** How long deposits and withdrawals count. */
    public long windowNanos() {
        return windowNanos;
    }

    /** The tokens always there: {@code minPerSecond × window} in seconds. */
    public double reserve() {
        return minPerSecond * (windowNanos / 1e9);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetryBudgetPolicy p && Double.compare(ratio, p.ratio) == 0
                && minPerSecond == p.minPerSecond && windowNanos == p.windowNanos;
    }

    @Override
    public int hashCode() {
        return (Double.hashCode(ratio) * 31 + minPerSecond) * 31 + Long.hashCode(windowNanos);
    }

    /** {@code RetryBudgetPolicy[ratio=0.1, minPerSecond=10, window=10 s]}. */
    @Override
    public String toString() {
        return "RetryBudgetPolicy[ratio=" + ratio + ", minPerSecond=" + minPerSecond + ", window="
                + Violation.show(Violation.time(windowNanos)) + "]";
    }

    /**
     * Collects a budget's values, starting from {@link dev.steadfast.RetryBudget @RetryBudget}'s defaults. Not
     * thread-safe.
     */
    public static final class Builder {

        private double ratio = 0.1;
        private int minPerSecond = 10;
        private long windowNanos = Duration.ofSeconds(10).toNanos();

        private Builder() {
        }

        /** Retry tokens each call deposits, in [0, 1]. */
        public Builder ratio(double value) {
            this.ratio = value;
            return this;
        }

        /** Retries per second always allowed, 0 or more. */
        public Builder minPerSecond(int value) {
            this.minPerSecond = value;
            return this;
        }

        /** How long deposits and withdrawals count: positive, at most a day. */
        public Builder window(Duration value) {
            this.windowNanos = Nanos.of(Objects.requireNonNull(value, "window"));
            return this;
        }

        /** Every rule these values break, in the order of the members, named as {@code @RetryBudget} names them. */
        public List<Violation> violations() {
            List<Violation> found = new ArrayList<>();
            if (!(ratio >= 0 && ratio <= 1)) {
                found.add(Violation.notWithin01("ratio", ratio));
            }
            if (minPerSecond < 0) {
                found.add(Violation.of("minPerSecond", minPerSecond, "is negative; use 0 for no reserve"));
            }
            if (windowNanos <= 0) {
                found.add(Violation.of("window", Violation.time(windowNanos),
                        "is not positive; deposits must count for some time"));
            } else if (windowNanos > MAX_WINDOW_NANOS) {
                found.add(Violation.of("window", Violation.time(windowNanos), "is above 1 d; use a window of a day or less"));
            }
            return found;
        }

        /**
         * The policy.
         *
         * @throws IllegalArgumentException naming every {@linkplain #violations() violation}, when there is one
         */
        public RetryBudgetPolicy build() {
            Violation.requireNone("RetryBudgetPolicy", violations());
            return new RetryBudgetPolicy(this);
        }
    }
}
