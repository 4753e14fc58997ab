package dev.steadfast;

/** The state of a circuit breaker. */
public enum CircuitState {
    /** Calls pass and their outcomes fill the rolling window. */
    CLOSED,
    /** Calls are rejected with {@link CircuitOpenException} until the delay has passed. */
    OPEN,
    /** A limited number of trial calls pass; their outcomes close or reopen the breaker. */
    HALF_OPEN,
    /** Opened by an operator ({@link CircuitBreakerHandle#forceOpen()}): calls are rejected until a reset. */
    FORCED_OPEN
}
