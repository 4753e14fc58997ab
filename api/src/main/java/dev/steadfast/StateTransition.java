package dev.steadfast;

import java.time.Instant;

/**
 * One state change of a circuit breaker.
 *
 * @param from the state before
 * @param to   the state after
 * @param at   when it happened
 */
public record StateTransition(CircuitState from, CircuitState to, Instant at) {
}
