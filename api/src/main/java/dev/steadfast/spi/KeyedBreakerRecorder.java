package dev.steadfast.spi;

import dev.steadfast.CircuitState;

import java.time.Instant;

/**
 * Hears the state changes of every key of one keyed circuit breaker; returned by
 * {@link GuardObserver#observeBreakerFamily}. The changes of one key are told exactly once and in order. Must be
 * thread-safe and fast; one that throws is logged and skipped.
 */
@FunctionalInterface
public interface KeyedBreakerRecorder {

    /**
     * The breaker of {@code key} went from {@code from} to {@code to} at {@code at}.
     *
     * @param tag what a metric should show for the key ({@link ObservedBreakerFamily#tagOf}), decided as the change
     *            happened
     */
    void stateChanged(Object key, String tag, CircuitState from, CircuitState to, Instant at);
}
