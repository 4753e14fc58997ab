package dev.steadfast.engine.bulkhead;

import dev.steadfast.engine.Violation;

import java.util.ArrayList;
import java.util.List;

/**
 * What an adaptive bulkhead allows, resolved and validated: the limit starts at {@link #initialLimit()} and moves
 * within [{@link #minLimit()}, {@link #maxLimit()}]; a window with a timeout or downstream rejection multiplies it by
 * {@link #backoffRatio()}. Immutable; {@link Builder#violations()} is the only check of its values.
 */
public final class AdaptiveLimitPolicy {

    private final int initialLimit;
    private final int minLimit;
    private final int maxLimit;
    private final double backoffRatio;

    private AdaptiveLimitPolicy(Builder b) {
        this.initialLimit = b.initialLimit;
        this.minLimit = b.minLimit;
        this.maxLimit = b.maxLimit;
        this.backoffRatio = b.backoffRatio;
    }

    /** A builder with {@link dev.steadfast.AdaptiveBulkhead @AdaptiveBulkhead}'s defaults: 20 in [1, 200], 0.9. */
    public static Builder builder() {
        return new Builder();
    }

    public int initialLimit() {
        return initialLimit;
    }

    public int minLimit() {
        return minLimit;
    }

    public int maxLimit() {
        return maxLimit;
    }

    public double backoffRatio() {
        return backoffRatio;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdaptiveLimitPolicy p && initialLimit == p.initialLimit && minLimit == p.minLimit
                && maxLimit == p.maxLimit && Double.compare(backoffRatio, p.backoffRatio) == 0;
    }

    @Override
    public int hashCode() {
        return ((initialLimit * 31 + minLimit) * 31 + maxLimit) * 31 + Double.hashCode(backoffRatio);
    }

    @Override
    public String toString() {
        return "AdaptiveLimitPolicy[initialLimit=" + initialLimit + ", minLimit=" + minLimit + ", maxLimit=" + maxLimit
                + ", backoffRatio=" + backoffRatio + "]";
    }

    /** Collects an adaptive bulkhead's values, from {@code @AdaptiveBulkhead}'s defaults. Not thread-safe. */
    public static final class Builder {

        private int initialLimit = 20;
        private int minLimit = 1;
        private int maxLimit = 200;
        private double backoffRatio = 0.9;

        private Builder() {
        }

        /** The limit before anything was measured, within [minLimit, maxLimit]. */
        public Builder initialLimit(int value) {
            this.initialLimit = value;
            return this;
        }

        /** The least limit, at least 1. */
        public Builder minLimit(int value) {
            this.minLimit = value;
            return this;
        }

        /** The greatest limit, at least minLimit. */
        public Builder maxLimit(int value) {
            this.maxLimit = value;
            return this;
        }

        /** What a window with a timeout or downstream rejection multiplies the limit by, in [0.5, 1). */
        public Builder backoffRatio(double value) {
            this.backoffRatio = value;
            return this;
        }

        /** Every rule these values break, named as {@code @AdaptiveBulkhead} names them. */
        public List<Violation> violations() {
            List<Violation> found = new ArrayList<>();
            if (minLimit < 1) {
                found.add(Violation.below("minLimit", minLimit, 1, "a bulkhead must admit at least one call"));
            }
            if (maxLimit < minLimit && minLimit >= 1) {
                found.add(new Violation("maxLimit", maxLimit, "is below minLimit " + Violation.OTHER
                        + "; the limit needs room to move", "minLimit", minLimit));
            }
            if (minLimit >= 1 && maxLimit >= minLimit && (initialLimit < minLimit || initialLimit > maxLimit)) {
                found.add(new Violation("initialLimit", initialLimit, "is not within [minLimit, maxLimit] = ["
                        + minLimit + ", " + maxLimit + "]", null, null));
            }
            if (!(backoffRatio >= 0.5 && backoffRatio < 1)) {
                found.add(Violation.of("backoffRatio", backoffRatio,
                        "is not within [0.5, 1); a backoff must lower the limit, by at most half"));
            }
            return found;
        }

        /**
         * The policy.
         *
         * @throws IllegalArgumentException naming every {@linkplain #violations() violation}, when there is one
         */
        public AdaptiveLimitPolicy build() {
            Violation.requireNone("AdaptiveLimitPolicy", violations());
            return new AdaptiveLimitPolicy(this);
        }
    }
}
