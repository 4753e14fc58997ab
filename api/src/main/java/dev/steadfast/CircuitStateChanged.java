package dev.steadfast;

import java.time.Instant;
import java.util.Objects;

/**
 * CDI event fired when a circuit breaker changes state; observe it with {@code @Observes CircuitStateChanged}.
 * An observer that throws is logged and never breaks the guarded call.
 *
 * @param name   the breaker's registry name
 * @param from   the state before
 * @param to     the state after
 * @param at     when it happened
 * @param key    for a keyed breaker, the key whose breaker changed (as {@code String.valueOf(key)}); {@code null} for
 *               an unkeyed breaker
 * @param origin who decided: {@value #LOCAL} when this instance did (its own window, a trial, an operator here, the
 *               OPEN delay running out), else the member id of the fleet member whose decision this instance
 *               applied (a {@link Scope#CLUSTER} breaker; keyed breakers are always local)
 */
public record CircuitStateChanged(String name, CircuitState from, CircuitState to, Instant at, String key,
                                  String origin) {

    /** The origin of a change this instance decided. */
    public static final String LOCAL = "local";

    /** Checks that the origin is given. */
    public CircuitStateChanged {
        Objects.requireNonNull(origin, "origin");
    }

    /** A change of an unkeyed breaker that this instance decided ({@link #LOCAL}). */
    public CircuitStateChanged(String name, CircuitState from, CircuitState to, Instant at) {
        this(name, from, to, at, null, LOCAL);
    }

    /** Whether this instance decided the change itself. */
    public boolean isLocal() {
        return LOCAL.equals(origin);
    }
}
