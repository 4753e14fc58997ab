package dev.steadfast.engine.breaker;

import dev.steadfast.engine.ExceptionMatcher;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What a circuit breaker does, resolved and validated: times in nanoseconds. Immutable; two equal policies describe
 * the same breaker, which is how a front end checks that every method sharing a named breaker agrees on it.
 *
 * @param requestVolumeThreshold size of the rolling window of recent outcomes; no decision before it has filled once
 *                               (1 to 16,777,216)
 * @param failureRatio           opens when failures / window reaches this ratio, within [0, 1]; see
 *                               {@link #failureThreshold()} for the exact count
 * @param delayNanos             time OPEN before trial calls are let through (0 or more)
 * @param successThreshold       successful trial calls that close it (at least 1)
 * @param halfOpenMaxCalls       trial calls in flight at once in HALF_OPEN (at least 1)
 * @param failOn                 which failures count: include = {@code failOn}, exclude = {@code skipOn}; a failure
 *                               it does not match counts as a success
 * @param slowCallThresholdNanos a call that returns normally but took longer than this counts as a failure; {@code 0}
 *                               switches it off
 * @throws IllegalArgumentException when a value breaks its rule
 */
public record BreakerPolicy(int requestVolumeThreshold, double failureRatio, long delayNanos, int successThreshold,
        int halfOpenMaxCalls, ExceptionMatcher failOn, long slowCallThresholdNanos) {

    public BreakerPolicy {
        if (requestVolumeThreshold < 1 || requestVolumeThreshold > RollingWindow.MAX_SIZE) {
            throw new IllegalArgumentException("requestVolumeThreshold must be within [1, " + RollingWindow.MAX_SIZE
                    + "]: " + requestVolumeThreshold);
        }
        if (!(failureRatio >= 0 && failureRatio <= 1)) {
            throw new IllegalArgumentException("failureRatio must be within [0, 1]: " + failureRatio);
        }
        if (delayNanos < 0) {
            throw new IllegalArgumentException("delay must not be negative: " + delayNanos + " ns");
        }
        if (successThreshold < 1) {
            throw new IllegalArgumentException("successThreshold must be at least 1: " + successThreshold);
        }
        if (halfOpenMaxCalls < 1) {
            throw new IllegalArgumentException("halfOpenMaxCalls must be at least 1: " + halfOpenMaxCalls);
        }
        Objects.requireNonNull(failOn, "failOn");
        if (slowCallThresholdNanos < 0) {
            throw new IllegalArgumentException("slowCallThreshold must not be negative: " + slowCallThresholdNanos
                    + " ns");
        }
    }

    /** The defaults of {@code @CircuitBreaker}: 20 calls, ratio 0.5, 5 s delay, 1 success, 1 trial, every failure. */
    public static BreakerPolicy defaults() {
        return new BreakerPolicy(20, 0.5, TimeUnit.SECONDS.toNanos(5), 1, 1, ExceptionMatcher.all(), 0);
    }

    /**
     * The number of failures in a full window that opens the breaker: the smallest {@code k} in
     * [1, {@code requestVolumeThreshold}] with {@code k / requestVolumeThreshold >= failureRatio}. Computed with the
     * same division the rule states, so {@code 0.3} of 10 is 3 (not 4, as {@code ceil(0.3 * 10)} would say in
     * floating point). A ratio of {@code 0} still needs one failure: a window of successes never opens a breaker.
     */
    public int failureThreshold() {
        int n = requestVolumeThreshold;
        int k = (int) Math.min(n, Math.max(1, Math.ceil(failureRatio * n)));
        while (k > 1 && (double) (k - 1) / n >= failureRatio) {
            k--;
        }
        while (k < n && (double) k / n < failureRatio) {
            k++;
        }
        return k;
    }

    /** Whether a call that returned normally after {@code durationNanos} counts as a failure for being slow. */
    public boolean isSlow(long durationNanos) {
        return slowCallThresholdNanos > 0 && durationNanos > slowCallThresholdNanos;
    }
}
