package dev.steadfast.engine.observe;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.RateLimitExceededException;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.TimeoutExceededException;
import dev.steadfast.spi.CallOutcome;

/** Classifies the failure a caller got (see {@link CallOutcome}). */
final class Outcomes {

    private Outcomes() {
    }

    static CallOutcome of(Throwable failure) {
        Throwable f = failure instanceof RetryExhaustedException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (f instanceof TimeoutExceededException) {
            return CallOutcome.TIMED_OUT;
        }
        if (f instanceof CircuitOpenException) {
            return CallOutcome.CIRCUIT_OPEN;
        }
        if (f instanceof BulkheadFullException) {
            return CallOutcome.BULKHEAD_FULL;
        }
        if (f instanceof RateLimitExceededException) {
            return CallOutcome.RATE_LIMITED;
        }
        return CallOutcome.FAILURE;
    }
}
