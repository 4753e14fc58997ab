package dev.steadfast.guard;

import dev.steadfast.RateLimitType;
import dev.steadfast.Scope;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;
import dev.steadfast.engine.time.Nanos;

import java.time.Duration;
import java.util.Objects;

/**
 * The rate limit of a {@link Guard}, with {@link dev.steadfast.RateLimit @RateLimit}'s defaults and meaning: 100
 * calls per second in {@link RateLimitType#FIXED} windows, no minimum spacing, {@link Scope#LOCAL}. Beyond it:
 * {@link dev.steadfast.RateLimitExceededException} with the time until a call would be admitted.
 *
 * <p>A {@linkplain #name named} limit is one limiter for every guard and annotated method naming it, listed in
 * {@link dev.steadfast.RateLimiters} under its name; its options must agree everywhere. An unnamed limit is the
 * guard's own and is not listed. {@link Scope#CLUSTER} (a named limit only) shares it with the whole fleet.
 */
public final class RateLimitOptions {

    private int value = 100;
    private Duration window = Duration.ofSeconds(1);
    private Duration minSpacing = Duration.ZERO;
    private RateLimitType type = RateLimitType.FIXED;
    private String name = "";
    private Scope scope = Scope.LOCAL;

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

    /**
     * Shares the limiter by name with every guard and annotated method naming it; {@code ""} (the default) for the
     * guard's own.
     */
    public RateLimitOptions name(String value) {
        this.name = Objects.requireNonNull(value, "name").trim();
        return this;
    }

    /** {@link Scope#CLUSTER}: the limit is the fleet's (a named limit only; {@code FIXED} or {@code SMOOTH}). */
    public RateLimitOptions scope(Scope value) {
        this.scope = Objects.requireNonNull(value, "scope");
        return this;
    }

    /** The registry name, or {@code null} for the guard's own limiter. */
    String registryName() {
        return name.isEmpty() ? null : name;
    }

    RateLimitPolicy toPolicy(Rules rules) {
        long windowNanos = Nanos.of(Objects.requireNonNull(window, "window"));
        long minSpacingNanos = Nanos.of(Objects.requireNonNull(minSpacing, "minSpacing"));
        rules.check(RateLimitPolicy.violations(value, windowNanos, minSpacingNanos, type, scope, !name.isEmpty()),
                member -> "rateLimit " + member);
        return new RateLimitPolicy(value, windowNanos, minSpacingNanos, type, scope);
    }
}
