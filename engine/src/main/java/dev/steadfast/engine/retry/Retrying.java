package dev.steadfast.engine.retry;

import dev.steadfast.FaultToleranceException;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.internal.TimeFormat;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.ExceptionMatcher;
import dev.steadfast.engine.FailureRule;
import dev.steadfast.engine.time.Clock;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.DoubleSupplier;

/**
 * The decisions shared by the synchronous and the stage-based retry: which failures are retried, how long to wait,
 * and when the budget is spent. Holds no per-call state; a {@link Attempts} object carries that.
 */
final class Retrying {

    static final int MAX_SUPPRESSED = 8;

    final String method;
    final RetryPolicy policy;
    final Clock clock;
    final EngineListener listener;
    /** The retry budget every retry draws on; {@code null} without one. */
    final RetryBudget budget;
    private final Delays delays;
    private final ExceptionMatcher retryOn;
    private final FailureRule failures;

    Retrying(String method, RetryPolicy policy, RetryBudget budget, Clock clock, EngineListener listener,
            DoubleSupplier random, FailureRule failures) {
        this.failures = failures;
        this.method = method;
        this.budget = budget;
        this.policy = policy;
        this.clock = clock;
        this.listener = listener;
        this.delays = new Delays(policy, random);
        this.retryOn = policy.retryOn();
    }

    /**
     * Whether a failure is retried: one the {@link FailureRule} lets a retry judge, in retryOn and not in abortOn;
     * Steadfast's own rejections only when retryOn names their class (or {@link FaultToleranceException}) explicitly.
     *
     * @param callerStopped the caller's interrupt flag is set, or it cancelled the call
     */
    boolean retries(Throwable failure, boolean callerStopped) {
        if (!failures.mayRetry(failure, callerStopped) || retryOn.excluded(failure)) {
            return false;
        }
        if (FailureRule.isRejection(failure)) {
            return retryOn.includedExplicitly(failure, FaultToleranceException.class);
        }
        return retryOn.included(failure);
    }

    /** Whether a result counts as a failed attempt. */
    boolean rejects(Object result) {
        return policy.retryOnResult() != null && policy.retryOnResult().test(result);
    }

    /** A call starts at {@code startNanos}: its first attempt deposits in the retry budget, if there is one. */
    void started(long startNanos) {
        RetryBudget b = budget;
        if (b != null) {
            b.deposit(startNanos);
        }
    }

    /**
     * After a failed attempt: the delay before the next one, or {@code -1} when the count, the duration or the retry
     * budget is spent. Announces the retry when there is one, and a retry the budget refused.
     */
    long nextDelay(Attempts a) {
        if (policy.maxRetries() >= 0 && a.attempts > policy.maxRetries()) {
            return -1;
        }
        long delay = delays.delayNanos(a.attempts, a.lastFailure);
        if (policy.maxDurationNanos() > 0) {
            long elapsed = clock.nanoTime() - a.startNanos;
            // Subtraction first so that a huge delay cannot overflow the sum.
            if (delay > policy.maxDurationNanos() - elapsed) {
                return -1;
            }
        }
        // Last: a retry that the count or duration would not allow takes no token.
        if (budget != null && !budget.tryWithdraw()) {
            a.refused = true;
            listener.retryRefused(method, a.attempts, budget.name());
            return -1;
        }
        listener.retryScheduled(method, a.attempts, a.lastFailure, Duration.ofNanos(delay));
        return delay;
    }

    RetryExhaustedException exhausted(Attempts a) {
        long elapsed = clock.nanoTime() - a.startNanos;
        String message = "Retries exhausted for " + method + " after " + a.attempts
                + (a.attempts == 1 ? " attempt" : " attempts") + " in " + TimeFormat.formatNanos(elapsed)
                + (a.lastFailure == null ? "; the last result was rejected by retryOnResult" : "")
                + (a.refused ? "; retry budget '" + budget.name() + "' refused the next retry" : "");
        RetryExhaustedException e = new RetryExhaustedException(message, a.lastFailure, a.attempts,
                Duration.ofNanos(elapsed), a.lastResult, a.refused ? budget.name() : null);
        if (a.earlier != null) {
            for (Throwable t : a.earlier) {
                e.addSuppressed(t);
            }
        }
        listener.retriesExhausted(method, e);
        return e;
    }

    /**
     * What the caller gets when the budget is spent: the {@link RetryExhaustedException}, or with
     * {@link RetryPolicy#rethrowLastFailure()} the last failure itself. Announces the exhaustion either way.
     */
    Throwable giveUp(Attempts a) {
        RetryExhaustedException e = exhausted(a);
        return policy.rethrowLastFailure() && a.lastFailure != null ? a.lastFailure : e;
    }

    /** The state of one guarded call across its attempts. */
    static final class Attempts {

        final long startNanos;
        int attempts;
        Throwable lastFailure;
        Object lastResult;
        /** The retry budget refused the next retry. */
        boolean refused;
        /** The most recent earlier failures, allocated on the second failure only. */
        ArrayDeque<Throwable> earlier;

        Attempts(long startNanos) {
            this.startNanos = startNanos;
        }

        void failed(Throwable failure) {
            remember();
            attempts++;
            lastFailure = failure;
            lastResult = null;
        }

        void rejected(Object result) {
            remember();
            attempts++;
            lastFailure = null;
            lastResult = result;
        }

        private void remember() {
            if (lastFailure != null) {
                if (earlier == null) {
                    earlier = new ArrayDeque<>(MAX_SUPPRESSED);
                }
                if (earlier.size() == MAX_SUPPRESSED) {
                    earlier.removeFirst();
                }
                earlier.addLast(lastFailure);
            }
        }
    }
}
