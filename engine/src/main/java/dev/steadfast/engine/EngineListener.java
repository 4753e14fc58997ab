package dev.steadfast.engine;

import dev.steadfast.CallRejected;
import dev.steadfast.CircuitState;
import dev.steadfast.FallbackApplied;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.engine.time.Clock;

import java.time.Duration;
import java.time.Instant;

/**
 * What strategies announce. Logging, CDI events, metrics and health subscribe here; no strategy knows them. Every
 * method is called on a failure or state-change path only, never on the happy path. Implementations must be fast and
 * thread-safe; a listener that throws is contained by {@link Listeners}.
 */
public interface EngineListener {

    /** A listener that does nothing. */
    EngineListener NONE = new EngineListener() {
    };

    /** Attempt {@code attempt} of {@code method} failed (or its result was rejected); a retry follows after {@code delay}. */
    default void retryScheduled(String method, int attempt, Throwable failure, Duration delay) {
    }

    /** The retry budget {@code budget} refused the retry after attempt {@code attempt} of {@code method}. */
    default void retryRefused(String method, int attempt, String budget) {
    }

    /** {@code method} gave up retrying. */
    default void retriesExhausted(String method, RetryExhaustedException exception) {
    }

    /** {@code method} exceeded its timeout. */
    default void timedOut(String method, Duration timeout) {
    }

    /**
     * A fallback answered for {@code method} after {@code failure}: the older, shorter form of
     * {@link #fallbackApplied(FallbackApplied)}, whose default calls it.
     */
    default void fallbackApplied(String method, Throwable failure) {
    }

    /**
     * A fallback answered: which one, after which failure, and how long the guarded part took. Strategies announce
     * this form; its {@link FallbackApplied#elapsed()} is measured only when some listener of the chain
     * {@linkplain #timesFallbacks() asks for it} or the call's invocation carries its start, else it is zero. The
     * default calls {@link #fallbackApplied(String, Throwable)}.
     */
    default void fallbackApplied(FallbackApplied event) {
        fallbackApplied(event.method(), event.failure());
    }

    /**
     * Whether this listener needs {@link FallbackApplied#elapsed()} measured for every call (it shows the event to
     * someone, as a CDI event does): then the fallback strategies of its chains read the clock when a call starts.
     * Asked once per chain, when it is built. The default does not: a call with a fallback then costs no clock reading.
     */
    default boolean timesFallbacks() {
        return false;
    }

    /** A call of {@code method} was rejected without running. */
    default void callRejected(String method, CallRejected.Reason reason) {
    }

    /** Circuit breaker {@code name} changed state. */
    default void stateChanged(String name, CircuitState from, CircuitState to, Instant at) {
    }

    /**
     * Circuit breaker {@code name} changed state, decided by {@code origin}: {@code "local"}
     * ({@link dev.steadfast.CircuitStateChanged#LOCAL}) or the member id of the fleet member whose decision a
     * fleet-wide breaker applied. Breakers call this one; the default forwards to the method without the origin.
     */
    default void stateChanged(String name, CircuitState from, CircuitState to, Instant at, String origin) {
        stateChanged(name, from, to, at);
    }

    /**
     * The listener an engine announces to, given that engine's clock: one that measures time (the
     * {@link LoggingListener}'s rate limit) returns a copy on that clock, so virtual time in tests moves it too; the
     * others return themselves. Called once, when the engine is built.
     */
    default EngineListener onClock(Clock clock) {
        return this;
    }

    /**
     * The breaker of {@code key} in the keyed circuit breaker {@code name} changed state. The changes of one key are
     * announced once each, in order.
     */
    default void keyedStateChanged(String name, Object key, CircuitState from, CircuitState to, Instant at) {
    }
}
