package dev.steadfast.mp;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.TimeoutExceededException;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Maps the engine's rejections to MicroProfile's exception types, right where they leave their strategy, so that
 * every outer concern (retryOn, failOn, applyOn, the fallback's context) and the caller see only MicroProfile types.
 * The message is kept; any other failure passes unchanged.
 */
final class MpExceptions {

    private MpExceptions() {
    }

    static Throwable translate(Throwable failure) {
        RuntimeException mapped;
        if (failure instanceof TimeoutExceededException) {
            mapped = new TimeoutException(failure.getMessage());
        } else if (failure instanceof CircuitOpenException) {
            mapped = new CircuitBreakerOpenException(failure.getMessage());
        } else if (failure instanceof BulkheadFullException) {
            mapped = new BulkheadException(failure.getMessage());
        } else {
            return failure;
        }
        for (Throwable s : failure.getSuppressed()) {
            mapped.addSuppressed(s);
        }
        return mapped;
    }
}
