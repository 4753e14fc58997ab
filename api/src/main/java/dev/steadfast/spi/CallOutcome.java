package dev.steadfast.spi;

/**
 * How one call of a guarded operation ended, as its caller saw it. A failure is classified by the exception the
 * caller got; a {@link dev.steadfast.RetryExhaustedException} by its cause (the last attempt's failure), so a call
 * whose every attempt timed out is {@link #TIMED_OUT}.
 */
public enum CallOutcome {
    /** Returned normally (for a stage: completed normally) without a fallback. */
    SUCCESS,
    /** Failed, and a fallback answered instead. */
    FALLBACK,
    /** Failed with the method's own failure (or a fallback's), not one of the kinds below. */
    FAILURE,
    /** Failed with a {@link dev.steadfast.TimeoutExceededException}. */
    TIMED_OUT,
    /** Rejected by a circuit breaker ({@link dev.steadfast.CircuitOpenException}). */
    CIRCUIT_OPEN,
    /** Rejected by a full bulkhead ({@link dev.steadfast.BulkheadFullException}). */
    BULKHEAD_FULL,
    /** Rejected by a rate limit ({@link dev.steadfast.RateLimitExceededException}). */
    RATE_LIMITED;

    /** Whether Steadfast rejected the call without running it (in its last attempt). */
    public boolean isRejection() {
        return this == CIRCUIT_OPEN || this == BULKHEAD_FULL || this == RATE_LIMITED;
    }
}
