package dev.steadfast;

import dev.steadfast.internal.TimeFormat;

import java.time.Duration;

/**
 * Thrown instead of invoking the method when the breaker of the call's key, in a keyed circuit breaker
 * ({@link BreakerKey}), rejects it. {@link #getBreakerName()} is the family's name; {@link #getKey()} the key. The
 * message does not show the key (it may be a caller's data, such as a tenant); code that wants it asks for it.
 */
public class KeyedCircuitOpenException extends CircuitOpenException {

    private static final long serialVersionUID = 1L;

    private final transient Object key;

    /**
     * @param breakerName the family's registry name
     * @param key         the call's key
     * @param state       the state of that key's breaker
     * @param retryAfter  time until trial calls are let through; zero in HALF_OPEN and FORCED_OPEN
     */
    public KeyedCircuitOpenException(String breakerName, Object key, CircuitState state, Duration retryAfter) {
        super(breakerName, state, retryAfter);
        this.key = key;
    }

    /** The key whose breaker rejected the call. */
    public Object getKey() {
        return key;
    }

    @Override
    public String getMessage() {
        if (getState() == CircuitState.FORCED_OPEN) {
            return "Circuit '" + getBreakerName() + "' is FORCED_OPEN for this call's key; it rejects calls until it"
                    + " is reset";
        }
        return "Circuit '" + getBreakerName() + "' is " + getState() + " for this call's key; retry after "
                + TimeFormat.format(getRetryAfter());
    }
}
