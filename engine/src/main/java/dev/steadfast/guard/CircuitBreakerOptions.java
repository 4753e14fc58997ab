package dev.steadfast.guard;

import dev.steadfast.Scope;
import dev.steadfast.engine.breaker.BreakerPolicy;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The circuit breaker of a {@link Guard}, with {@link dev.steadfast.CircuitBreaker @CircuitBreaker}'s defaults and
 * meaning: a window of 20 calls, opens at a failure ratio of 0.5, 5 s open, 1 successful trial closes it, 1 trial at a
 * time, every failure counts, no slow-call threshold. "Open after 5 consecutive failures" is
 * {@code requestVolumeThreshold(5).failureRatio(1.0)}.
 *
 * <p>A {@linkplain #name named} breaker is one breaker for every guard and every annotated method naming it, and is
 * listed in {@link dev.steadfast.CircuitBreakers} under its name; its options must agree everywhere. An unnamed
 * breaker is registered under the guard's name.
 */
public final class CircuitBreakerOptions {

    private final BreakerPolicy.Builder policy = BreakerPolicy.builder();
    private String name = "";
    private KeyedBreakerOptions keyed;

    CircuitBreakerOptions() {
    }

    /** Shares the breaker by name with every guard and annotated method naming it; {@code ""} for the guard's own. */
    public CircuitBreakerOptions name(String value) {
        this.name = Objects.requireNonNull(value, "name").trim();
        return this;
    }

    /** The size of the rolling window of recent calls, at least 1; no decision before it has filled once. */
    public CircuitBreakerOptions requestVolumeThreshold(int value) {
        policy.requestVolumeThreshold(value);
        return this;
    }

    /** Opens when failures / window reaches this ratio, within [0, 1]. */
    public CircuitBreakerOptions failureRatio(double value) {
        policy.failureRatio(value);
        return this;
    }

    /** The time OPEN before trial calls are let through. */
    public CircuitBreakerOptions delay(Duration value) {
        policy.delay(value);
        return this;
    }

    /** Successful trial calls that close it, at least 1; any trial failure reopens it. */
    public CircuitBreakerOptions successThreshold(int value) {
        policy.successThreshold(value);
        return this;
    }

    /** Trial calls allowed at once in HALF_OPEN, at least 1; more are rejected. */
    public CircuitBreakerOptions halfOpenMaxCalls(int value) {
        policy.halfOpenMaxCalls(value);
        return this;
    }

    /** The failures that count (replaces the default {@code Throwable}). */
    @SafeVarargs
    public final CircuitBreakerOptions failOn(Class<? extends Throwable>... failures) {
        policy.failOn(Rules.listOf(failures, "failOn"));
        return this;
    }

    /** Failures that count as successes; wins over {@link #failOn}. */
    @SafeVarargs
    public final CircuitBreakerOptions skipOn(Class<? extends Throwable>... failures) {
        policy.skipOn(Rules.listOf(failures, "skipOn"));
        return this;
    }

    /** A successful call slower than this counts as a failure; {@link Duration#ZERO} switches it off. */
    public CircuitBreakerOptions slowCallThreshold(Duration value) {
        policy.slowCallThreshold(value);
        return this;
    }

    /**
     * {@link Scope#CLUSTER}: the fleet's breaker, by quorum (a named breaker only); {@link Scope#LOCAL} (the default):
     * this instance's.
     */
    public CircuitBreakerOptions scope(Scope value) {
        policy.scope(value);
        return this;
    }

    /**
     * For {@link Scope#CLUSTER}: how many members must report failing windows for the fleet's windows to open every
     * member; {@code 0} (the default) for a majority of the members that called, at least 2.
     */
    public CircuitBreakerOptions quorum(int value) {
        policy.quorum(value);
        return this;
    }

    /**
     * One independent breaker per key, with this breaker's options and {@code @KeyedBreaker}'s bounds; calls then give
     * their key: {@code guard.call(tenant, () -> ...)}.
     */
    public CircuitBreakerOptions keyed() {
        return keyed(k -> { });
    }

    /** One independent breaker per key, with the bounds changed by {@code options}. */
    public CircuitBreakerOptions keyed(Consumer<KeyedBreakerOptions> options) {
        keyed = new KeyedBreakerOptions();
        options.accept(keyed);
        return this;
    }

    /** The family's bounds when keyed, else {@code null}. */
    KeyedBreakerOptions keyedOptions() {
        return keyed;
    }

    /** The registry name: the breaker's name, or the guard's when it has none. */
    String registryName(String guardName) {
        return name.isEmpty() ? guardName : name;
    }

    BreakerPolicy toPolicy(Rules rules) {
        rules.check(policy.violations(!name.isEmpty()), member -> "circuitBreaker " + member);
        return policy.build();
    }
}
