package dev.steadfast.guard;

import dev.steadfast.engine.breaker.KeyedBreakerPolicy;

import java.time.Duration;

/**
 * Makes a {@link Guard}'s circuit breaker keyed, with {@link dev.steadfast.KeyedBreaker @KeyedBreaker}'s defaults: one
 * breaker per key (the key given to {@link Guard#call(Object, java.util.concurrent.Callable)}), at most 10,000 keys, a
 * CLOSED key unused for 10 min evicted. All keys share the breaker's options.
 */
public final class KeyedBreakerOptions {

    private final KeyedBreakerPolicy.Builder policy = KeyedBreakerPolicy.builder();

    KeyedBreakerOptions() {
    }

    /** The most keys held at once, at least 1. */
    public KeyedBreakerOptions maxKeys(int value) {
        policy.maxKeys(value);
        return this;
    }

    /** A CLOSED key unused this long is evicted; positive. */
    public KeyedBreakerOptions keyIdleEviction(Duration value) {
        policy.keyIdleEviction(value);
        return this;
    }

    KeyedBreakerPolicy toPolicy(Rules rules) {
        rules.check(policy.violations(), member -> "circuitBreaker " + member);
        return policy.build();
    }
}
