package dev.steadfast.guard;

import dev.steadfast.engine.bulkhead.AdaptiveLimitPolicy;

/**
 * The adaptive bulkhead of a {@link Guard}, with {@link dev.steadfast.AdaptiveBulkhead @AdaptiveBulkhead}'s defaults
 * and meaning: a concurrency limit that starts at 20 and follows the dependency's latency within [1, 200]; a window
 * with a timeout or downstream rejection multiplies it by 0.9. A call beyond the limit fails at once with
 * {@link dev.steadfast.BulkheadFullException}. Not together with {@link Guard.Builder#bulkhead(int) bulkhead}.
 */
public final class AdaptiveBulkheadOptions {

    private final AdaptiveLimitPolicy.Builder policy = AdaptiveLimitPolicy.builder();

    AdaptiveBulkheadOptions() {
    }

    /** The limit before anything was measured, within [minLimit, maxLimit]. */
    public AdaptiveBulkheadOptions initialLimit(int value) {
        policy.initialLimit(value);
        return this;
    }

    /** The least limit, at least 1. */
    public AdaptiveBulkheadOptions minLimit(int value) {
        policy.minLimit(value);
        return this;
    }

    /** The greatest limit, at least minLimit. */
    public AdaptiveBulkheadOptions maxLimit(int value) {
        policy.maxLimit(value);
        return this;
    }

    /** What a window with a timeout or downstream rejection multiplies the limit by, in [0.5, 1). */
    public AdaptiveBulkheadOptions backoffRatio(double value) {
        policy.backoffRatio(value);
        return this;
    }

    AdaptiveLimitPolicy toPolicy(Rules rules) {
        rules.check(policy.violations(), member -> "adaptiveBulkhead " + member);
        return policy.build();
    }
}
