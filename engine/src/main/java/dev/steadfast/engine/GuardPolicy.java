package dev.steadfast.engine;

import dev.steadfast.engine.breaker.BreakerKeySelector;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.breaker.KeyedBreakerPolicy;
import dev.steadfast.engine.bulkhead.AdaptiveLimitPolicy;
import dev.steadfast.engine.bulkhead.BulkheadPolicy;
import dev.steadfast.engine.fallback.FallbackPolicy;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;
import dev.steadfast.engine.retry.RetryBudgetPolicy;
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
 * @param failures     which failures the retry, breaker and fallback judge at all ({@link FailureRule})
 * @param retryBudgetName the registry name of the retry budget; several operations may share one
 * @param retryBudget  the retry budget the retry draws on (needs a retry); {@code null} for none
 * @param adaptiveBulkhead an adaptive concurrency limit; not together with {@code bulkhead}
 * @param breakerKeys  makes the circuit breaker keyed: the family's bounds (needs {@code breakerKey}); not with a
 *                     {@link dev.steadfast.Scope#CLUSTER} breaker
 * @param breakerKey   selects each call's key of a keyed circuit breaker (needs {@code breakerKeys})
 */
public record GuardPolicy(String name, boolean returnsStage, boolean asynchronous, FallbackPolicy fallback,
        RetryPolicy retry, String breakerName, BreakerPolicy breaker, String rateLimitName, RateLimitPolicy rateLimit,
        TimeoutPolicy timeout, BulkheadPolicy bulkhead, FailureRule failures, String retryBudgetName,
        RetryBudgetPolicy retryBudget, AdaptiveLimitPolicy adaptiveBulkhead, KeyedBreakerPolicy breakerKeys,
        BreakerKeySelector breakerKey) {

    public GuardPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(failures, "failures");
        if ((breaker == null) != (breakerName == null)) {
            throw new IllegalArgumentException(name + ": a circuit breaker needs both a name and a policy");
        }
        if (rateLimit == null && rateLimitName != null) {
            throw new IllegalArgumentException(name + ": a rate limiter's name needs a policy");
        }
        if (rateLimit != null && rateLimitName == null && rateLimit.scope() == dev.steadfast.Scope.CLUSTER) {
            throw new IllegalArgumentException(name + ": a CLUSTER rate limit needs a name");
        }
        if ((retryBudget == null) != (retryBudgetName == null) || (retryBudget != null && retry == null)) {
            throw new IllegalArgumentException(name + ": a retry budget needs a name, a policy and a retry");
        }
        if (adaptiveBulkhead != null && bulkhead != null) {
            throw new IllegalArgumentException(name + ": a bulkhead and an adaptive bulkhead together");
        }
        if ((breakerKeys == null) != (breakerKey == null) || (breakerKeys != null && breaker == null)) {
            throw new IllegalArgumentException(name + ": a keyed breaker needs a breaker, its bounds and a key");
        }
        if (breakerKeys != null && breaker.scope() == dev.steadfast.Scope.CLUSTER) {
            throw new IllegalArgumentException(name + ": a keyed breaker is local to each instance; CLUSTER scope is"
                    + " for unkeyed breakers");
        }
        if (asynchronous && !returnsStage) {
            throw new IllegalArgumentException(name + ": an asynchronous operation must return a CompletionStage");
        }
    }

    /**
     * Under {@link FailureRule#STEADFAST}, without overload controls (retry budget, adaptive bulkhead, keyed breaker),
     * the rate limiter of this chain alone.
     */
    public GuardPolicy(String name, boolean returnsStage, boolean asynchronous, FallbackPolicy fallback,
            RetryPolicy retry, String breakerName, BreakerPolicy breaker, RateLimitPolicy rateLimit,
            TimeoutPolicy timeout, BulkheadPolicy bulkhead) {
        this(name, returnsStage, asynchronous, fallback, retry, breakerName, breaker, null, rateLimit, timeout,
                bulkhead, FailureRule.STEADFAST, null, null, null, null, null);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Whether any policy is present. */
    public boolean isEmpty() {
        return !asynchronous && fallback == null && retry == null && breaker == null && rateLimit == null
                && timeout == null && bulkhead == null && adaptiveBulkhead == null;
    }

    /** Whether the circuit breaker is keyed: a family of breakers, one per key. */
    public boolean keyedBreaker() {
        return breakerKey != null;
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
        private FailureRule failures = FailureRule.STEADFAST;
        private String retryBudgetName;
        private RetryBudgetPolicy retryBudget;
        private AdaptiveLimitPolicy adaptiveBulkhead;
        private KeyedBreakerPolicy breakerKeys;
        private BreakerKeySelector breakerKey;

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

        /** {@link FailureRule#STEADFAST} unless set. */
        public Builder failures(FailureRule value) {
            this.failures = Objects.requireNonNull(value, "failures");
            return this;
        }

        /** The retry budget registered as {@code registryName}; {@code null} for none. */
        public Builder retryBudget(String registryName, RetryBudgetPolicy value) {
            this.retryBudgetName = value == null ? null : registryName;
            this.retryBudget = value;
            return this;
        }

        public Builder adaptiveBulkhead(AdaptiveLimitPolicy value) {
            this.adaptiveBulkhead = value;
            return this;
        }

        /** Makes the circuit breaker keyed; {@code null}s for an unkeyed one. */
        public Builder breakerKeys(KeyedBreakerPolicy bounds, BreakerKeySelector key) {
            this.breakerKeys = bounds;
            this.breakerKey = key;
            return this;
        }

        public GuardPolicy build() {
            return new GuardPolicy(name, returnsStage, asynchronous, fallback, retry, breakerName, breaker,
                    rateLimitName, rateLimit, timeout, bulkhead, failures, retryBudgetName, retryBudget,
                    adaptiveBulkhead, breakerKeys, breakerKey);
        }
    }
}
