package dev.steadfast.benchmarks;

import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitType;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.faulttolerance.standalone.StandaloneFaultTolerance;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * SmallRye Fault Tolerance's programmatic API ({@link Guard}, and {@link TypedGuard} where a fallback is needed, as
 * only a typed guard has one) in standalone mode, configured as {@link Settings} says. Its order of strategies is
 * fixed, the same as Steadfast's. Retry jitter, 200 ms by default in SmallRye, is set to 0 as in the others.
 */
public final class SmallRyePolicies {

    private SmallRyePolicies() {
    }

    public static Guard.Builder breaker(Guard.Builder b, Duration delay) {
        return b.withCircuitBreaker()
                .requestVolumeThreshold(Settings.BREAKER_WINDOW)
                .failureRatio(Settings.BREAKER_FAILURE_RATIO)
                .delay(delay.toMillis(), ChronoUnit.MILLIS)
                .successThreshold(1)
                .done();
    }

    public static Guard.Builder retry(Guard.Builder b) {
        return b.withRetry()
                .maxRetries(Settings.MAX_RETRIES)
                .delay(Settings.RETRY_DELAY.toMillis(), ChronoUnit.MILLIS)
                .maxDuration(Settings.RETRY_MAX_DURATION.toMillis(), ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .done();
    }

    public static Guard.Builder timeout(Guard.Builder b) {
        return b.withTimeout().duration(Settings.TIMEOUT.toMillis(), ChronoUnit.MILLIS).done();
    }

    public static Guard.Builder bulkhead(Guard.Builder b, int limit) {
        return b.withBulkhead().limit(limit).done();
    }

    public static Guard.Builder rateLimit(Guard.Builder b) {
        return b.withRateLimit()
                .limit(Settings.RATE_LIMIT)
                .window(Settings.RATE_WINDOW.toMillis(), ChronoUnit.MILLIS)
                .type(RateLimitType.FIXED)
                .done();
    }

    /** Fallback, retry, breaker, timeout and bulkhead on one typed guard. */
    public static TypedGuard<String> fullStack() {
        return TypedGuard.create(String.class)
                .withFallback().handler(() -> Work.FALLBACK).done()
                .withRetry()
                .maxRetries(Settings.MAX_RETRIES)
                .delay(Settings.RETRY_DELAY.toMillis(), ChronoUnit.MILLIS)
                .maxDuration(Settings.RETRY_MAX_DURATION.toMillis(), ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .done()
                .withCircuitBreaker()
                .requestVolumeThreshold(Settings.BREAKER_WINDOW)
                .failureRatio(Settings.BREAKER_FAILURE_RATIO)
                .delay(Settings.BREAKER_DELAY.toMillis(), ChronoUnit.MILLIS)
                .successThreshold(1)
                .done()
                .withTimeout().duration(Settings.TIMEOUT.toMillis(), ChronoUnit.MILLIS).done()
                .withBulkhead().limit(Settings.BULKHEAD).done()
                .build();
    }

    /** Stops SmallRye's standalone timer and executor threads. */
    public static void shutdown() throws InterruptedException {
        StandaloneFaultTolerance.shutdown();
    }
}
