package dev.steadfast.guard;

import dev.steadfast.RateLimitType;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;

import java.time.Duration;
import java.util.Objects;

/**
 * The rate limit of a {@link Guard}, with {@link dev.steadfast.RateLimit @RateLimit}'s defaults and meaning: 100
 * calls per second in {@link RateLimitType#FIXED} windows, no minimum spacing. Beyond it:
 * {@link dev.steadfast.RateLimitExceededException} with the time until a call would be admitted.
 */
public final class RateLimitOptions {

    private int value = 100;
    private Duration window = Duration.ofSeconds(1);
    private Duration minSpacing = Duration.ZERO;
    private RateLimitType type = RateLimitType.FIXED;

    RateLimitOptions() {
    }

    /** Calls admitted per window, at least 1. */
    public RateLimitOptions value(int value) {
        this.value = value;
        return this;
    }

    /** The window, positive. */
    public RateLimitOptions window(Duration value) {
        this.window = value;
        return this;
    }

    /** The least time between two admitted calls; {@link Duration#ZERO} for none. */
    public RateLimitOptions minSpacing(Duration value) {
        this.minSpacing = value;
        return this;
    }

    public RateLimitOptions type(RateLimitType value) {
        this.type = Objects.requireNonNull(value, "type");
        return this;
    }

    RateLimitPolicy toPolicy(Rules rules) {
        rules.atLeast("rateLimit value", value, 1);
        if (type == RateLimitType.ROLLING && value > RateLimitPolicy.MAX_ROLLING_LIMIT) {
            throw rules.broken("rateLimit value", value, "is above " + RateLimitPolicy.MAX_ROLLING_LIMIT
                    + ", the most a ROLLING window can track; use FIXED or SMOOTH for such limits");
        }
        return new RateLimitPolicy(value, rules.positiveNanos("rateLimit window", window),
                rules.nanos("rateLimit minSpacing", minSpacing), type);
    }
}
