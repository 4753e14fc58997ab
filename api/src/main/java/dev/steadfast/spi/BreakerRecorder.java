package dev.steadfast.spi;

import dev.steadfast.CircuitState;

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
}
