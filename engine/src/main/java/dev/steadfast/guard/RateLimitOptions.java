package dev.steadfast.guard;

import dev.steadfast.RateLimitType;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;
import dev.steadfast.engine.time.Nanos;

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
        long windowNanos = Nanos.of(Objects.requireNonNull(window, "window"));
        long minSpacingNanos = Nanos.of(Objects.requireNonNull(minSpacing, "minSpacing"));
        rules.check(RateLimitPolicy.violations(value, windowNanos, minSpacingNanos, type),
                member -> "rateLimit " + member);
        return new RateLimitPolicy(value, windowNanos, minSpacingNanos, type);
    }
}
