package dev.steadfast.engine.observe;

import dev.steadfast.RateLimitType;
import dev.steadfast.engine.GuardPolicy;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;
import dev.steadfast.spi.GuardedOperation;
import dev.steadfast.spi.ObservedBreaker;
import dev.steadfast.spi.ObservedBulkhead;
import dev.steadfast.spi.ObservedRateLimit;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;

/** One operation as observers see it, with live views of its breaker, bulkhead and rate limit. */
final class OperationView implements GuardedOperation {

    private final String method;
    private final boolean returnsStage;
    private final Set<Policy> policies;
    private final Optional<ObservedBreaker> breaker;
    private final Optional<ObservedBulkhead> bulkhead;
    private final BulkheadView bulkheadView;
    private final Optional<ObservedRateLimit> rateLimit;
    private final RateLimitView rateLimitView;

    OperationView(GuardPolicy p, BreakerWatch breaker) {
        this.method = p.name();
        this.returnsStage = p.returnsStage();
        EnumSet<Policy> set = EnumSet.noneOf(Policy.class);
        add(set, p.fallback() != null, Policy.FALLBACK);
        add(set, p.retry() != null, Policy.RETRY);
        add(set, p.breaker() != null, Policy.CIRCUIT_BREAKER);
        add(set, p.rateLimit() != null, Policy.RATE_LIMIT);
        add(set, p.timeout() != null, Policy.TIMEOUT);
        add(set, p.bulkhead() != null || p.adaptiveBulkhead() != null, Policy.BULKHEAD);
        add(set, p.asynchronous(), Policy.ASYNCHRONOUS);
        this.policies = Collections.unmodifiableSet(set);
        this.breaker = Optional.ofNullable(breaker);
        this.bulkheadView = p.bulkhead() != null ? new BulkheadView(p.bulkhead().maxConcurrent())
                : p.adaptiveBulkhead() != null ? new BulkheadView(p.adaptiveBulkhead().initialLimit()) : null;
        this.bulkhead = Optional.ofNullable(bulkheadView);
        this.rateLimitView = p.rateLimit() == null ? null : new RateLimitView(p.rateLimit());
        this.rateLimit = Optional.ofNullable(rateLimitView);
    }

    private static void add(Set<Policy> set, boolean present, Policy p) {
        if (present) {
            set.add(p);
        }
    }

    /** Connects the bulkhead view to the strategy built for it. */
    void bindBulkhead(IntSupplier inUse, IntSupplier queued) {
        if (bulkheadView != null) {
            bulkheadView.inUse = inUse;
            bulkheadView.queued = queued;
        }
    }

    /** Connects the bulkhead view to an adaptive bulkhead: its limit moves, and nothing queues. */
    void bindAdaptive(IntSupplier limit, IntSupplier inUse) {
        if (bulkheadView != null) {
            bulkheadView.limit = limit;
            bulkheadView.inUse = inUse;
        }
    }

    /** Connects the rate limit view to the strategy built for it. */
    void bindRateLimit(IntSupplier available) {
        if (rateLimitView != null) {
            rateLimitView.available = available;
        }
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public boolean returnsStage() {
        return returnsStage;
    }

    @Override
    public Set<Policy> policies() {
        return policies;
    }

    @Override
    public Optional<ObservedBreaker> breaker() {
        return breaker;
    }

    @Override
    public Optional<ObservedBulkhead> bulkhead() {
        return bulkhead;
    }

    @Override
    public Optional<ObservedRateLimit> rateLimit() {
        return rateLimit;
    }

    @Override
    public String toString() {
        return "GuardedOperation[" + method + ", " + policies + "]";
    }

    /**
     * Reads the bulkhead strategy's live counts once the chain is built; zero before. For an adaptive bulkhead the
     * limit is live too.
     */
    private static final class BulkheadView implements ObservedBulkhead {

        volatile IntSupplier limit;
        volatile IntSupplier inUse = () -> 0;
        volatile IntSupplier queued = () -> 0;

        BulkheadView(int maxConcurrent) {
            this.limit = () -> maxConcurrent;
        }

        @Override
        public int maxConcurrent() {
            return limit.getAsInt();
        }

        @Override
        public int inUse() {
            return inUse.getAsInt();
        }

        @Override
        public int queued() {
            return queued.getAsInt();
        }

        @Override
        public String toString() {
            return "ObservedBulkhead[" + inUse() + "/" + maxConcurrent() + " in use, " + queued() + " queued]";
        }
    }

    /** Reads the rate limit strategy's live permits once the chain is built; all free before. */
    private static final class RateLimitView implements ObservedRateLimit {

        private final int limit;
        private final Duration window;
        private final RateLimitType type;
        volatile IntSupplier available;

        RateLimitView(RateLimitPolicy policy) {
            this.limit = policy.limit();
            this.window = Duration.ofNanos(policy.windowNanos());
            this.type = policy.type();
            this.available = () -> limit;
        }

        @Override
        public int limit() {
            return limit;
        }

        @Override
        public Duration window() {
            return window;
        }

        @Override
        public RateLimitType type() {
            return type;
        }

        @Override
        public int available() {
            return available.getAsInt();
        }

        @Override
        public String toString() {
            return "ObservedRateLimit[" + available() + "/" + limit + " " + type + " per " + window + " available]";
        }
    }
}
