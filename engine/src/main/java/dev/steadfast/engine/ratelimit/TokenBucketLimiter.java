package dev.steadfast.engine.ratelimit;

/**
 * {@code SMOOTH}: a token bucket that holds {@code limit} permits, starts full and gets one back every
 * {@code window / limit} (rounded up to the nanosecond, so the rate is never above the limit). A burst takes at most
 * what the bucket holds; after that, calls pass one per interval. In any span of one window at most
 * {@code 2 * limit - 1} calls pass (a full bucket plus its refills); over a long run, {@code limit} per window.
 *
 * <p>The state is a single time, the "theoretical arrival time" of the generic cell rate algorithm (GCRA), which is
 * this bucket exactly: the moment at which the bucket would be full again. A call at {@code now} is admitted when
 * that moment is at most {@code (limit - 1)} intervals ahead (at least one permit in the bucket) and pushes it one
 * interval further.
 */
final class TokenBucketLimiter extends SingleWordLimiter {

    private final int limit;
    private final long interval;
    private final long tolerance;

    TokenBucketLimiter(RateLimitPolicy policy, long origin) {
        super(origin, policy.minSpacingNanos(), origin);
        long window = policy.windowNanos();
        this.limit = policy.limit();
        this.interval = window / limit + (window % limit == 0 ? 0 : 1);
        this.tolerance = (limit - 1) * interval;
    }

    @Override
    long waitNanos(long full, long now) {
        long wait = full - tolerance - now;
        return wait > 0 ? wait : 0;
    }

    /**
     * Each admission pushes the full moment one interval further, and a call is admitted while it is at most
     * {@code limit - 1} intervals ahead: so a bucket whose full moment is {@code d} ahead holds
     * {@code limit - ceil(d / interval)} tokens.
     */
    @Override
    long permits(long full, long now) {
        long ahead = full - now;
        if (ahead <= 0) {
            return limit;
        }
        return Math.max(0, limit - (ahead / interval + (ahead % interval == 0 ? 0 : 1)));
    }

    @Override
    long admit(long full, long now) {
        return (full - now > 0 ? full : now) + interval;
    }
}
