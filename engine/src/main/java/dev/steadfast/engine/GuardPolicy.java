package dev.steadfast.engine;

import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.bulkhead.BulkheadPolicy;
import dev.steadfast.engine.fallback.FallbackPolicy;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;
import dev.steadfast.engine.retry.RetryPolicy;
import dev.steadfast.engine.timeout.TimeoutPolicy;

import java.util.Objects;

/**
 * Everything the engine needs to build the strategy chain of one guarded operation, produced by a front end
 * (annotations read by the CDI layer, or the programmatic builder). A {@code null} policy is absent. Build one with
 * {@link #builder(String)}.
 *
 * @param name         the operation as messages name it, e.g. {@code com.acme.Quotes#fetch(String)}
 * @param returnsStage the operation returns a {@code CompletionStage}: strategies work on the stage
 * @param asynchronous the body runs on the asynchronous executor (implies {@code returnsStage})
 * @param breakerName  the registry name of the circuit breaker; several operations may share one
 * @param rateLimitName the registry name of the rate limiter, shared by every operation naming it; {@code null} for
 *                      a limiter of this chain alone, not in the registry
 */
public record GuardPolicy(String name, boolean returnsStage, boolean asynchronous, FallbackPolicy fallback,
        RetryPolicy retry, String breakerName, BreakerPolicy breaker, String rateLimitName, RateLimitPolicy rateLimit,
        TimeoutPolicy timeout, BulkheadPolicy bulkhead) {

    public GuardPolicy {
        Objects.requireNonNull(name, "name");
        if ((breaker == null) != (breakerName == null)) {
            throw new IllegalArgumentException(name + ": a circuit breaker needs both a name and a policy");
        }
        if (rateLimit == null && rateLimitName != null) {
            throw new IllegalArgumentException(name + ": a rate limiter's name needs a policy");
        }
        if (rateLimit != null && rateLimitName == null && rateLimit.scope() == dev.steadfast.Scope.CLUSTER) {
            throw new IllegalArgumentException(name + ": a CLUSTER rate limit needs a name");
        }
        if (asynchronous && !returnsStage) {
            throw new IllegalArgumentException(name + ": an asynchronous operation must return a CompletionStage");
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Whether any policy is present. */
    public boolean isEmpty() {
        return !asynchronous && fallback == null && retry == null && breaker == null && rateLimit == null
                && timeout == null && bulkhead == null;
    }

    /** Collects the policies of one operation; every setter accepts {@code null} for "absent". */
    public static final class Builder {

        private final String name;
        private boolean returnsStage;
        private boolean asynchronous;
        private FallbackPolicy fallback;
        private RetryPolicy retry;
        private String breakerName;
        private BreakerPolicy breaker;
        private String rateLimitName;
        private RateLimitPolicy rateLimit;
        private TimeoutPolicy timeout;
        private BulkheadPolicy bulkhead;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder returnsStage(boolean value) {
            this.returnsStage = value;
            return this;
        }

        /** Also marks the operation as returning a stage when {@code true}. */
        public Builder asynchronous(boolean value) {
            this.asynchronous = value;
            this.returnsStage |= value;
            return this;
        }

        public Builder fallback(FallbackPolicy value) {
            this.fallback = value;
            return this;
        }

        public Builder retry(RetryPolicy value) {
            this.retry = value;
            return this;
        }

        public Builder breaker(String registryName, BreakerPolicy value) {
            this.breakerName = value == null ? null : registryName;
            this.breaker = value;
            return this;
        }

        /** A rate limit of this operation's chain alone, not in the registry. */
        public Builder rateLimit(RateLimitPolicy value) {
            return rateLimit(null, value);
        }

        /**
         * A rate limit registered under {@code registryName} (shared with every operation naming it), or, with a
         * {@code null} name, one of this chain alone.
         */
        public Builder rateLimit(String registryName, RateLimitPolicy value) {
            this.rateLimitName = value == null ? null : registryName;
            this.rateLimit = value;
            return this;
        }

        public Builder timeout(TimeoutPolicy value) {
            this.timeout = value;
            return this;
        }

        public Builder bulkhead(BulkheadPolicy value) {
            this.bulkhead = value;
            return this;
        }

        public GuardPolicy build() {
            return new GuardPolicy(name, returnsStage, asynchronous, fallback, retry, breakerName, breaker,
                    rateLimitName, rateLimit, timeout, bulkhead);
        }
    }
}
