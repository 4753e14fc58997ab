package dev.steadfast.engine.retry;

import dev.steadfast.Backoff;
import dev.steadfast.engine.ExceptionMatcher;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * What a retry does, resolved and validated: times in nanoseconds, {@code 0} meaning "none" where the annotation says
 * so. {@code retryOnResult} is {@code null} when results are never retried.
 *
 * @param jitterNanos        an absolute jitter: each delay moves by a uniform random amount in
 *                           [-jitterNanos, +jitterNanos] (after the relative {@code jitter}, never below zero); {@code 0}
 *                           for none. MicroProfile Fault Tolerance's {@code @Retry.jitter}.
 * @param rethrowLastFailure when the budget is spent, the caller gets the last failure itself instead of a
 *                           {@link dev.steadfast.RetryExhaustedException} (MicroProfile's rule); the exhaustion is still
 *                           announced to the listener. A last attempt that returned a rejected result still ends in
 *                           the exhaustion exception, as there is no failure to rethrow.
 */
public record RetryPolicy(int maxRetries, long delayNanos, Backoff backoff, double factor, long maxDelayNanos,
        double jitter, long maxDurationNanos, ExceptionMatcher retryOn, Predicate<Object> retryOnResult,
        long jitterNanos, boolean rethrowLastFailure) {

    /** Steadfast's own retry: relative jitter only, exhaustion reported as {@link dev.steadfast.RetryExhaustedException}. */
    public RetryPolicy(int maxRetries, long delayNanos, Backoff backoff, double factor, long maxDelayNanos,
            double jitter, long maxDurationNanos, ExceptionMatcher retryOn, Predicate<Object> retryOnResult) {
        this(maxRetries, delayNanos, backoff, factor, maxDelayNanos, jitter, maxDurationNanos, retryOn, retryOnResult,
                0, false);
    }

    public RetryPolicy {
        if (maxRetries < -1) {
            throw new IllegalArgumentException("maxRetries must be -1 or more: " + maxRetries);
        }
        if (delayNanos < 0 || maxDelayNanos < 0 || maxDurationNanos < 0 || jitterNanos < 0) {
            throw new IllegalArgumentException("times must not be negative");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be within [0, 1]: " + jitter);
        }
        if (!(factor >= 1)) {
            throw new IllegalArgumentException("factor must be at least 1: " + factor);
        }
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(retryOn, "retryOn");
    }
}
