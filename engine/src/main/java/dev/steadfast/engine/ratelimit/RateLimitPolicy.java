package dev.steadfast.engine.ratelimit;

import dev.steadfast.RateLimitType;

import java.util.Objects;

/**
 * What a rate limit allows, resolved and validated.
 *
 * @param limit           calls admitted per window ({@code @RateLimit.value}), at least 1; for {@code ROLLING} at most
 *                        {@link #MAX_ROLLING_LIMIT}, since it keeps one timestamp per permit
 * @param windowNanos     the window, at least 1 ns
 * @param minSpacingNanos least time between two admitted calls, at least 0; {@code 0} is off
 * @param type            how the window moves
 */
public record RateLimitPolicy(int limit, long windowNanos, long minSpacingNanos, RateLimitType type) {

    /** The largest {@code ROLLING} limit: its log of admissions takes 8 bytes per permit (here 128 MiB). */
    public static final int MAX_ROLLING_LIMIT = 1 << 24;

    public RateLimitPolicy {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        if (windowNanos < 1) {
            throw new IllegalArgumentException("window must be positive: " + windowNanos + " ns");
        }
        if (minSpacingNanos < 0) {
            throw new IllegalArgumentException("minSpacing must not be negative: " + minSpacingNanos + " ns");
        }
        Objects.requireNonNull(type, "type");
        if (type == RateLimitType.ROLLING && limit > MAX_ROLLING_LIMIT) {
            throw new IllegalArgumentException("a ROLLING rate limit keeps one timestamp per permit; " + limit
                    + " is above " + MAX_ROLLING_LIMIT + " (use FIXED or SMOOTH for such limits)");
        }
    }
}
