package dev.steadfast.engine.ratelimit;

import dev.steadfast.RateLimitType;
import dev.steadfast.Scope;
import dev.steadfast.engine.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * What a rate limit allows, resolved and validated; {@link #violations} is the one check of its values. Two equal
 * policies describe the same limiter, which is how the registry and the front ends check that every method sharing a
 * named limiter agrees on it.
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
 * @param scope           this instance's limit, or the fleet's ({@link Scope#CLUSTER}: {@code FIXED} or
 *                        {@code SMOOTH}, no spacing)
 */
public record RateLimitPolicy(int limit, long windowNanos, long minSpacingNanos, RateLimitType type, Scope scope) {

    /** The largest {@code ROLLING} limit: its log of admissions takes 8 bytes per permit (here 128 MiB). */
    public static final int MAX_ROLLING_LIMIT = 1 << 24;

    /** The members as the annotation names them, in the order of {@link #values()}. */
    private static final String[] NAMES = {"value", "window", "minSpacing", "type", "scope"};

    public RateLimitPolicy {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(scope, "scope");
        Violation.requireNone("RateLimitPolicy", violations(limit, windowNanos, minSpacingNanos, type, scope, true));
    }

    /** A {@link Scope#LOCAL} limit. */
    public RateLimitPolicy(int limit, long windowNanos, long minSpacingNanos, RateLimitType type) {
        this(limit, windowNanos, minSpacingNanos, type, Scope.LOCAL);
    }

    /** Every rule these values of a {@link Scope#LOCAL} limit break; members are named as {@code @RateLimit} names them. */
    public static List<Violation> violations(int limit, long windowNanos, long minSpacingNanos, RateLimitType type) {
        return violations(limit, windowNanos, minSpacingNanos, type, Scope.LOCAL, true);
    }

    /**
     * Every rule these values break, for a limiter with or without a name; members are named as {@code @RateLimit}
     * names them. A {@link Scope#CLUSTER} limit needs a name (the fleet shares it by name), and admits only what a
     * fleet can keep exactly without a network call per admission: {@code FIXED} or {@code SMOOTH} (of at least 2
     * permits, and at most one per microsecond), no {@code minSpacing}.
     */
    public static List<Violation> violations(int limit, long windowNanos, long minSpacingNanos, RateLimitType type,
            Scope scope, boolean named) {
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
        if (scope != Scope.CLUSTER) {
            return found;
        }
        if (!named) {
            found.add(Violation.of("scope", scope, "needs a name: the fleet shares a limit by its name; give it one"
                    + " with name = \"...\""));
        }
        if (type == RateLimitType.ROLLING) {
            found.add(Violation.of("type", type, "cannot be kept across a fleet with scope = CLUSTER: a sliding log of"
                    + " the fleet's admissions would take a round trip to the cluster backend on every call; use FIXED"
                    + " or SMOOTH"));
        }
        if (minSpacingNanos > 0) {
            found.add(Violation.of("minSpacing", Violation.time(minSpacingNanos), "cannot be kept across a fleet"
                    + " with scope = CLUSTER: the time between two members' calls would take a round trip to the"
                    + " cluster backend on every call; use 0"));
        }
        if (type == RateLimitType.SMOOTH && limit == 1) {
            found.add(Violation.of("value", limit, "with type = SMOOTH cannot be shared exactly by a fleet: a bucket"
                    + " of one token leaves no time to hand the token to a member; use type = FIXED"));
        } else if (type == RateLimitType.SMOOTH && limit > 1 && windowNanos > 0 && windowNanos / limit < 1000) {
            found.add(Violation.of("value", limit, "with type = SMOOTH and scope = CLUSTER is more than one call per"
                    + " microsecond, the finest a fleet-wide bucket counts; use FIXED or a longer window"));
        }
        return found;
    }

    /**
     * How this policy differs from {@code other}, member by member, for messages:
     * {@code value 5 vs 10, window 1 s vs 2 s}; empty when they are equal.
     */
    public String differences(RateLimitPolicy other) {
        Object[] mine = values();
        Object[] theirs = other.values();
        StringJoiner j = new StringJoiner(", ");
        for (int i = 0; i < mine.length; i++) {
            if (!Objects.equals(mine[i], theirs[i])) {
                j.add(NAMES[i] + " " + shown(i, mine[i]) + " vs " + shown(i, theirs[i]));
            }
        }
        return j.toString();
    }

    private Object[] values() {
        return new Object[] {limit, windowNanos, minSpacingNanos, type, scope};
    }

    private static String shown(int member, Object value) {
        return member == 1 || member == 2 ? Violation.show(Violation.time((Long) value)) : String.valueOf(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RateLimitPolicy p && limit == p.limit && windowNanos == p.windowNanos
                && minSpacingNanos == p.minSpacingNanos && type == p.type && scope == p.scope;
    }

    @Override
    public int hashCode() {
        return Objects.hash(limit, windowNanos, minSpacingNanos, type, scope);
    }

    @Override
    public String toString() {
        return "RateLimitPolicy[limit=" + limit + ", window=" + Violation.show(Violation.time(windowNanos))
                + ", minSpacing=" + Violation.show(Violation.time(minSpacingNanos)) + ", type=" + type
                + ", scope=" + scope + "]";
    }
}
