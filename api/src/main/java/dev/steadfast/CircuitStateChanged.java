package dev.steadfast;

import java.time.Instant;

/**
 * CDI event fired when a circuit breaker changes state; observe it with {@code @Observes CircuitStateChanged}.
 * An observer that throws is logged and never breaks the guarded call.
 *
 * @param name the breaker's registry name
 * @param from the state before
 * @param to   the state after
 * @param at   when it happened
 * @param key  for a keyed breaker, the key whose breaker changed (as {@code String.valueOf(key)}); {@code null} for an
 *             unkeyed breaker
 */
public record CircuitStateChanged(String name, CircuitState from, CircuitState to, Instant at, String key) {

    /** The event of an unkeyed breaker. */
    public CircuitStateChanged(String name, CircuitState from, CircuitState to, Instant at) {
        this(name, from, to, at, null);
    }
}
