package dev.steadfast.benchmarks;

import dev.steadfast.RateLimitType;
import dev.steadfast.guard.Guard;

import java.time.Duration;

/**
 * Steadfast's programmatic API ({@link Guard}) configured as {@link Settings} says; each guard has its own (unnamed)
 * circuit breaker and runs on the default standalone engine.
 */
public final class SteadfastPolicies {

    private SteadfastPolicies() {
    }

    public static Guard<String> breaker(String name, Duration delay) {
        return Guard.<String>builder(name)
                .circuitBreaker(b -> b.requestVolumeThreshold(Settings.BREAKER_WINDOW)
                        .failureRatio(Settings.BREAKER_FAILURE_RATIO)
                        .delay(delay)
                        .successThreshold(1))
                .build();
    }

    public static Guard<String> retry(String name) {
        return Guard.<String>builder(name)
                .retry(r -> r.maxRetries(Settings.MAX_RETRIES)
                        .delay(Settings.RETRY_DELAY)
                        .maxDuration(Settings.RETRY_MAX_DURATION))
                .build();
    }

    public static Guard<String> timeout(String name) {
        return Guard.<String>builder(name).timeout(Settings.TIMEOUT).build();
    }

    public static Guard<String> bulkhead(String name, int value) {
        return Guard.<String>builder(name).bulkhead(b -> b.value(value).maxWait(Duration.ZERO)).build();
    }

    public static Guard<String> rateLimit(String name) {
        return Guard.<String>builder(name)
                .rateLimit(r -> r.value(Settings.RATE_LIMIT).window(Settings.RATE_WINDOW).type(RateLimitType.FIXED))
                .build();
    }

    /** Fallback, retry, breaker, timeout and bulkhead; the engine orders them (Fallback outermost). */
    public static Guard<String> fullStack(String name) {
        return Guard.<String>builder(name)
                .fallback(f -> f.handler(failure -> Work.FALLBACK))
                .retry(r -> r.maxRetries(Settings.MAX_RETRIES)
                        .delay(Settings.RETRY_DELAY)
                        .maxDuration(Settings.RETRY_MAX_DURATION))
                .circuitBreaker(b -> b.requestVolumeThreshold(Settings.BREAKER_WINDOW)
                        .failureRatio(Settings.BREAKER_FAILURE_RATIO)
                        .delay(Settings.BREAKER_DELAY)
                        .successThreshold(1))
                .timeout(Settings.TIMEOUT)
                .bulkhead(b -> b.value(Settings.BULKHEAD).maxWait(Duration.ZERO))
                .build();
    }
}
