package dev.steadfast.impl.core.retry;

import dev.steadfast.Backoff;
import dev.steadfast.impl.core.ExceptionMatcher;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * What a retry does, resolved and validated: times in nanoseconds, {@code 0} meaning "none" where the annotation says
 * so. {@code retryOnResult} is {@code null} when results are never retried.
 */
public record RetryPolicy(int maxRetries, long delayNanos, Backoff backoff, double factor, long maxDelayNanos,
        double jitter, long maxDurationNanos, ExceptionMatcher retryOn, Predicate<Object> retryOnResult) {

    public RetryPolicy {
        if (maxRetries < -1) {
            throw new IllegalArgumentException("maxRetries must be -1 or more: " + maxRetries);
        }
        if (delayNanos < 0 || maxDelayNanos < 0 || maxDurationNanos < 0) {
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
