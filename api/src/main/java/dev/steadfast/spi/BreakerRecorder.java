package dev.steadfast.spi;

import dev.steadfast.CircuitState;
import dev.steadfast.CircuitStateChanged;

import java.time.Instant;

/**
 * Hears the state changes of one circuit breaker; returned by {@link GuardObserver#observeBreaker}. Each change is
 * told exactly once and in order, even for a breaker shared by several operations. Must be thread-safe and fast; one
 * that throws is logged and skipped.
 */
@FunctionalInterface
public interface BreakerRecorder {

    /** The breaker went from {@code from} to {@code to} at {@code at}. */
    void stateChanged(CircuitState from, CircuitState to, Instant at);

    /**
     * The breaker went from {@code from} to {@code to} at {@code at}, decided by {@code origin}:
     * {@value CircuitStateChanged#LOCAL} for this instance, else the member id of the fleet member whose decision a
     * fleet-wide breaker applied. This is the method Steadfast calls; the default forwards to
     * {@link #stateChanged(CircuitState, CircuitState, Instant)}, so a recorder that does not care about the origin
     * implements that one alone.
     */
    default void stateChanged(CircuitState from, CircuitState to, Instant at, String origin) {
        stateChanged(from, to, at);
    }
}
