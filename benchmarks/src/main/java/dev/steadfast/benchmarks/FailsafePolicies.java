package dev.steadfast.benchmarks;

import dev.failsafe.Bulkhead;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.Fallback;
import dev.failsafe.RateLimiter;
import dev.failsafe.RetryPolicy;
import dev.failsafe.Timeout;

import java.time.Duration;

/**
 * Failsafe 3 configured as {@link Settings} says, with its idiomatic synchronous API: policies built once, composed
 * once into a {@link FailsafeExecutor}, and {@code executor.get(supplier)} per call. Its synchronous timeout runs the
 * body on the caller's thread and schedules the interrupt on Failsafe's shared scheduler, as Steadfast does.
 */
public final class FailsafePolicies {

    private FailsafePolicies() {
    }

    /** 10 failures of the last 20 executions (Failsafe counts failures, not a ratio). */
    public static CircuitBreaker<String> breaker(Duration delay) {
        int failures = (int) Math.round(Settings.BREAKER_FAILURE_RATIO * Settings.BREAKER_WINDOW);
        return CircuitBreaker.<String>builder()
                .withFailureThreshold(failures, Settings.BREAKER_WINDOW)
                .withDelay(delay)
                .withSuccessThreshold(1)
                .build();
    }

    public static RetryPolicy<String> retry() {
        return RetryPolicy.<String>builder()
                .withMaxRetries(Settings.MAX_RETRIES)
                .withDelay(Settings.RETRY_DELAY)
                .withMaxDuration(Settings.RETRY_MAX_DURATION)
                .build();
    }

    public static Timeout<String> timeout() {
        return Timeout.<String>builder(Settings.TIMEOUT).withInterrupt().build();
    }

    public static Bulkhead<String> bulkhead(int maxConcurrency) {
        return Bulkhead.<String>builder(maxConcurrency).withMaxWaitTime(Duration.ZERO).build();
    }

    /** Fixed windows ("bursty" in Failsafe's words). */
    public static RateLimiter<String> rateLimiter() {
        return RateLimiter.<String>burstyBuilder(Settings.RATE_LIMIT, Settings.RATE_WINDOW).build();
    }

    /** Fallback(Retry(CircuitBreaker(Timeout(Bulkhead(body))))): Failsafe composes outermost first. */
    public static FailsafeExecutor<String> fullStack() {
        return Failsafe.with(Fallback.of(Work.FALLBACK), retry(), breaker(Settings.BREAKER_DELAY), timeout(),
                bulkhead(Settings.BULKHEAD));
    }
}
