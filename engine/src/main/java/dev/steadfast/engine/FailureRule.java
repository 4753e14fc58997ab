package dev.steadfast.engine;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.RateLimitExceededException;

import java.util.concurrent.CancellationException;

/**
 * Which failures say something about the dependency: the one rule the retry, circuit breaker and fallback strategies
 * (synchronous and staged) ask before their own lists ({@code retryOn}/{@code abortOn}, {@code failOn}/{@code skipOn},
 * {@code applyOn}/{@code skipOn}) decide. A front end chooses the rule per operation
 * ({@link GuardPolicy#failures()}); docs/failure-accounting.md states it for users.
 *
 * <p>Under {@link #STEADFAST} a failure is, in this order:
 * <ol>
 * <li><b>fatal</b>: a {@link VirtualMachineError} ({@code OutOfMemoryError}, {@code StackOverflowError}, …). Never
 *     retried, never counted by a breaker (a HALF_OPEN trial slot is freed), never sent to a fallback: it propagates
 *     untouched.</li>
 * <li><b>the caller's</b>: an {@link InterruptedException} or a {@link CancellationException}, or any failure that
 *     arrives once the caller has stopped: the calling thread's interrupt flag is set (synchronous strategies), or the
 *     caller cancelled the stage the strategy handed out (staged strategies). Treated like a fatal failure: the
 *     caller asked to stop, which says nothing about the dependency.</li>
 * <li><b>Steadfast's own rejection</b>: {@link CircuitOpenException}, {@link BulkheadFullException},
 *     {@link RateLimitExceededException}. Not counted by a breaker (the dependency was not even called); retried only
 *     when {@code retryOn} names the class (or a superclass below {@code Throwable}, such as
 *     {@code FaultToleranceException}); a fallback's lists decide as for any failure.</li>
 * <li>anything else is <b>the dependency's</b>: the policy's lists decide.</li>
 * </ol>
 *
 * <p>Under {@link #LISTS_ONLY} (MicroProfile Fault Tolerance, whose specification lets the annotation's lists alone
 * decide) every failure is the dependency's; only the retry's rule for Steadfast's own rejections stays.
 *
 * <p>Stateless and thread-safe; every method is a few type tests, called on failure paths only.
 */
public enum FailureRule {

    /** Steadfast's rule, the default of every front end but MicroProfile's. */
    STEADFAST,

    /** Only the policies' lists decide: MicroProfile Fault Tolerance's rule, for {@code steadfast-mp}. */
    LISTS_ONLY;

    /**
     * Whether a retry may retry {@code failure} at all; when it may, {@code retryOn}/{@code abortOn} decide.
     *
     * @param callerStopped the calling thread's interrupt flag is set (synchronous), or the caller cancelled the
     *                      strategy's stage (staged)
     */
    public boolean mayRetry(Throwable failure, boolean callerStopped) {
        return !notTheDependencys(failure, callerStopped);
    }

    /**
     * Whether a circuit breaker records {@code failure} as an outcome ({@code failOn}/{@code skipOn} then decide
     * whether it is a failure or a success); when it does not, the call is not counted at all.
     *
     * @param callerStopped as for {@link #mayRetry}
     */
    public boolean counts(Throwable failure, boolean callerStopped) {
        return !notTheDependencys(failure, callerStopped) && (this == LISTS_ONLY || !isRejection(failure));
    }

    /**
     * Whether a fallback may answer for {@code failure}; when it may, {@code applyOn}/{@code skipOn} decide.
     *
     * @param callerStopped as for {@link #mayRetry}
     */
    public boolean mayFallBack(Throwable failure, boolean callerStopped) {
        return !notTheDependencys(failure, callerStopped);
    }

    /** Steadfast's own rejections, which a retry retries only when its {@code retryOn} names them (both rules). */
    public static boolean isRejection(Throwable failure) {
        return failure instanceof CircuitOpenException || failure instanceof BulkheadFullException
                || failure instanceof RateLimitExceededException;
    }

    /** Fatal or the caller's, under {@link #STEADFAST}. */
    private boolean notTheDependencys(Throwable failure, boolean callerStopped) {
        return this == STEADFAST && (failure instanceof VirtualMachineError || callerStopped
                || failure instanceof InterruptedException || failure instanceof CancellationException);
    }
}
