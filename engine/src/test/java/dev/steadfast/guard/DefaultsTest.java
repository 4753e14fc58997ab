package dev.steadfast.guard;

import dev.steadfast.Bulkhead;
import dev.steadfast.CircuitBreaker;
import dev.steadfast.RateLimit;
import dev.steadfast.Retry;
import dev.steadfast.engine.ExceptionMatcher;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.bulkhead.BulkheadPolicy;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;
import dev.steadfast.engine.retry.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The programmatic options start from exactly the annotations' defaults, read from the annotations themselves. */
class DefaultsTest {

    private final Rules rules = new Rules("defaults");

    @Test
    void retryOptionsDefaultToRetrysDefaults() {
        RetryPolicy p = new RetryOptions<>().toPolicy(rules);

        assertEquals((int) value(Retry.class, "maxRetries"), p.maxRetries());
        assertEquals(nanos(Retry.class, "delay", "delayUnit"), p.delayNanos());
        assertEquals((Object) value(Retry.class, "backoff"), p.backoff());
        assertEquals((double) value(Retry.class, "factor"), p.factor());
        assertEquals(nanos(Retry.class, "maxDelay", "maxDelayUnit"), p.maxDelayNanos());
        assertEquals((double) value(Retry.class, "jitter"), p.jitter());
        assertEquals(nanos(Retry.class, "maxDuration", "durationUnit"), p.maxDurationNanos());
        assertEquals(matcher(Retry.class, "retryOn", "abortOn"), p.retryOn());
        assertNull(p.retryOnResult());
    }

    @Test
    void circuitBreakerOptionsDefaultToCircuitBreakersDefaults() {
        BreakerPolicy p = new CircuitBreakerOptions().toPolicy(rules);

        assertEquals((int) value(CircuitBreaker.class, "requestVolumeThreshold"), p.requestVolumeThreshold());
        assertEquals((double) value(CircuitBreaker.class, "failureRatio"), p.failureRatio());
        assertEquals(nanos(CircuitBreaker.class, "delay", "delayUnit"), p.delayNanos());
        assertEquals((int) value(CircuitBreaker.class, "successThreshold"), p.successThreshold());
        assertEquals((int) value(CircuitBreaker.class, "halfOpenMaxCalls"), p.halfOpenMaxCalls());
        assertEquals(matcher(CircuitBreaker.class, "failOn", "skipOn"), p.failOn());
        assertEquals(nanos(CircuitBreaker.class, "slowCallThreshold", "slowCallUnit"), p.slowCallThresholdNanos());
        assertEquals("", (String) value(CircuitBreaker.class, "name"));
        assertEquals((Object) value(CircuitBreaker.class, "scope"), p.scope());
        assertEquals((int) value(CircuitBreaker.class, "quorum"), p.quorum());
    }

    @Test
    void bulkheadOptionsDefaultToBulkheadsDefaults() {
        assertEquals(new BulkheadPolicy(value(Bulkhead.class, "value"), value(Bulkhead.class, "waitingTaskQueue"),
                nanos(Bulkhead.class, "maxWait", "maxWaitUnit")), new BulkheadOptions().toPolicy(rules));
    }

    @Test
    void rateLimitOptionsDefaultToRateLimitsDefaults() {
        assertEquals(new RateLimitPolicy(value(RateLimit.class, "value"), nanos(RateLimit.class, "window", "windowUnit"),
                nanos(RateLimit.class, "minSpacing", "minSpacingUnit"), value(RateLimit.class, "type"),
                value(RateLimit.class, "scope")), new RateLimitOptions().toPolicy(rules));
        assertEquals("", (String) value(RateLimit.class, "name"));
        assertNull(new RateLimitOptions().registryName(), "unnamed: the guard's own limiter");
    }

    @SuppressWarnings("unchecked")
    private static <T> T value(Class<? extends Annotation> type, String member) {
        try {
            return (T) type.getMethod(member).getDefaultValue();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    private static long nanos(Class<? extends Annotation> type, String member, String unit) {
        long amount = value(type, member);
        ChronoUnit u = value(type, unit);
        return Duration.of(amount, u).toNanos();
    }

    private static ExceptionMatcher matcher(Class<? extends Annotation> type, String include, String exclude) {
        Class<? extends Throwable>[] in = value(type, include);
        Class<? extends Throwable>[] out = value(type, exclude);
        return new ExceptionMatcher(List.of(in), List.of(out));
    }
}
