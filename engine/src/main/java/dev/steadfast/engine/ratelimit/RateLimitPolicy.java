package dev.steadfast.engine.ratelimit;

import dev.steadfast.RateLimitType;
import dev.steadfast.engine.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a rate limit allows, resolved and validated; {@link #violations} is the one check of its values.
 *
 * <p>{@code equals}, {@code hashCode} and {@code toString} are written out: a record's generated ones go through a
 * JDK cache that kept the last compared classes, and with them an undeployed application's class loader, reachable.
 *
 * <p>The constructor throws {@link IllegalArgumentException} naming every violation, when there is one.
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
        Objects.requireNonNull(type, "type");
        Violation.requireNone("RateLimitPolicy", violations(limit, windowNanos, minSpacingNanos, type));
    }

    /** Every rule these values break; members are named as {@code @RateLimit} names them. */
    public static List<Violation> violations(int limit, long windowNanos, long minSpacingNanos, RateLimitType type) {
        List<Violation> found = new ArrayList<>();
        if (limit < 1) {
            found.add(Violation.below("value", limit, 1, "a rate limit must admit at least one call per window"));
        }
        if (windowNanos < 0) {
            found.add(Violation.negative("window", windowNanos));
        } else if (windowNanos == 0) {
            found.add(Violation.of("window", Violation.time(0), "is 0; a window must be positive"));
        }
        if (minSpacingNanos < 0) {
            found.add(Violation.negative("minSpacing", minSpacingNanos));
        }
        if (type == RateLimitType.ROLLING && limit > MAX_ROLLING_LIMIT) {
            found.add(Violation.of("value", limit, "is above " + MAX_ROLLING_LIMIT + ", the most a ROLLING window"
                    + " can track (it keeps one timestamp per call); use FIXED or SMOOTH for such limits"));
        }
        return found;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RateLimitPolicy p && limit == p.limit && windowNanos == p.windowNanos
                && minSpacingNanos == p.minSpacingNanos && type == p.type;
    }

    @Override
    public int hashCode() {
        return Objects.hash(limit, windowNanos, minSpacingNanos, type);
    }

    @Override
    public String toString() {
        return "RateLimitPolicy[limit=" + limit + ", window=" + Violation.show(Violation.time(windowNanos))
                + ", minSpacing=" + Violation.show(Violation.time(minSpacingNanos)) + ", type=" + type + "]";
    }
}
