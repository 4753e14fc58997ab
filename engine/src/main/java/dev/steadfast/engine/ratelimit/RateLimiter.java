package dev.steadfast.engine.ratelimit;

import dev.steadfast.ClusterStatus;

/**
 * Decides, one call at a time, whether a rate limit admits a call now, and if not, when it will. Time is passed in
 * (readings of one monotonic {@code Clock.nanoTime()}), so a limiter is a pure state machine that tests drive with
 * any numbers they like.
 *
 * <p>Implementations are thread-safe and take no lock: each reads its state once, decides on that snapshot and
 * publishes the change with one compare-and-set; a thread that loses the race decides again on the new state. A
 * rejection changes nothing.
 *
 * <p>Readings must not be earlier than the {@code originNanos} the limiter was created with, and the spans involved
 * (window, spacing, time since the last admission) must stay below about 146 years.
 */
public interface RateLimiter {

    /**
     * Takes a permit at time {@code nowNanos} if one is free.
     *
     * @return {@code 0} when the call is admitted; otherwise the nanoseconds until a permit is free (at least 1), as
     *         far as this limiter can tell: earlier callers may take it first
     */
    long tryAcquire(long nowNanos);

    /**
     * The permits a call could take at time {@code nowNanos}, from {@code 0} to the limit, without taking one; for
     * views (gauges, the console, a registry's stats), never for decisions. Spacing is not taken into account. Exact
     * when no admission races the reading; otherwise off by the admissions that do.
     */
    int available(long nowNanos);

    /** Whether a fleet-wide limiter admits from the fleet's quota now; {@link ClusterStatus#LOCAL} for a local one. */
    default ClusterStatus clusterStatus() {
        return ClusterStatus.LOCAL;
    }

    /**
     * For a fleet-wide limiter, what it knows of the fleet's quota now, for views (a copy its exchange refreshes; never
     * a backend call); empty for a local one.
     */
    default java.util.Optional<dev.steadfast.FleetQuotaView> fleet() {
        return java.util.Optional.empty();
    }

    /**
     * The limiter for {@code policy}. Windows of {@code FIXED} start at {@code originNanos} and follow each other; a
     * {@code SMOOTH} bucket starts full.
     */
    static RateLimiter create(RateLimitPolicy policy, long originNanos) {
        return switch (policy.type()) {
            case FIXED -> new FixedWindowLimiter(policy, originNanos);
            case ROLLING -> new RollingWindowLimiter(policy, originNanos);
            case SMOOTH -> new TokenBucketLimiter(policy, originNanos);
        };
    }
}
