package dev.steadfast;

import dev.steadfast.internal.TimeFormat;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown instead of invoking the method when its circuit breaker is {@link CircuitState#OPEN OPEN},
 * {@link CircuitState#FORCED_OPEN FORCED_OPEN}, or {@link CircuitState#HALF_OPEN HALF_OPEN} with all trial slots
 * taken. Carries no stack trace: rejections are frequent and must stay cheap.
 */
public class CircuitOpenException extends FaultToleranceException implements RetryAfterHint {

    private static final long serialVersionUID = 1L;

    private final String breakerName;
    private final CircuitState state;
    private final Duration retryAfter;

    /**
     * @param breakerName the breaker's registry name
     * @param state       the state that rejected the call
     * @param retryAfter  time until trial calls are let through; zero in HALF_OPEN
     */
    public CircuitOpenException(String breakerName, CircuitState state, Duration retryAfter) {
        super(null, null, false, false);
        this.breakerName = Objects.requireNonNull(breakerName, "breakerName");
        this.state = Objects.requireNonNull(state, "state");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** The breaker's name in the {@link CircuitBreakers} registry. */
    public String getBreakerName() {
        return breakerName;
    }

    /** The state that rejected the call. */
    public CircuitState getState() {
        return state;
    }

    /** Time until the breaker lets trial calls through; zero in HALF_OPEN, and for FORCED_OPEN until a reset. */
    public Duration getRetryAfter() {
        return retryAfter;
    }

    /** The same as {@link #getRetryAfter()}, for {@link Retry}. */
    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(retryAfter);
    }

    /** Built on demand so that a rejection costs no string building. */
    @Override
    public String getMessage() {
        if (state == CircuitState.FORCED_OPEN) {
            return "Circuit '" + breakerName + "' is FORCED_OPEN; it rejects calls until it is reset";
        }
        return "Circuit '" + breakerName + "' is " + state + "; retry after " + TimeFormat.format(retryAfter);
    }
}
