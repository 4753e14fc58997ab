package dev.steadfast.benchmarks;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.CallableUtils;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Resilience4j 2 configured as {@link Settings} says, with its idiomatic synchronous API: each concern decorates a
 * {@link Callable} once, and the benchmark calls the decorated callable. Its {@link TimeLimiter} only bounds a
 * {@code Future}: a synchronous call with a timeout is submitted to an executor and the caller waits on the future
 * (a thread hand-off per call). Defaults kept where {@link Settings} says nothing (stack traces of rejections are
 * written, slow-call tracking is on).
 */
public final class Resilience4jPolicies implements AutoCloseable {

    /** Runs the bodies that have a timeout; shut down by {@link #close()}. */
    private final ExecutorService timeoutExecutor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "r4j-timelimiter");
        t.setDaemon(true);
        return t;
    });

    public static CircuitBreaker breaker(String name, Duration delay) {
        return CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(Settings.BREAKER_WINDOW)
                .minimumNumberOfCalls(Settings.BREAKER_WINDOW)
                .failureRateThreshold((float) (Settings.BREAKER_FAILURE_RATIO * 100))
                .waitDurationInOpenState(delay)
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
    }

    public static Retry retry(String name) {
        return Retry.of(name, RetryConfig.custom()
                .maxAttempts(Settings.MAX_RETRIES + 1)
                .waitDuration(Settings.RETRY_DELAY)
                .build());
    }

    public static TimeLimiter timeLimiter(String name) {
        return TimeLimiter.of(name, TimeLimiterConfig.custom()
                .timeoutDuration(Settings.TIMEOUT)
                .cancelRunningFuture(true)
                .build());
    }

    public static Bulkhead bulkhead(String name, int maxConcurrentCalls) {
        return Bulkhead.of(name, BulkheadConfig.custom()
                .maxConcurrentCalls(maxConcurrentCalls)
                .maxWaitDuration(Duration.ZERO)
                .build());
    }

    public static RateLimiter rateLimiter(String name) {
        return RateLimiter.of(name, RateLimiterConfig.custom()
                .limitForPeriod(Settings.RATE_LIMIT)
                .limitRefreshPeriod(Settings.RATE_WINDOW)
                .timeoutDuration(Duration.ZERO)
                .build());
    }

    /** {@code body} on the executor, the caller waiting at most the timeout. */
    public <T> Callable<T> withTimeout(TimeLimiter limiter, Callable<T> body) {
        return TimeLimiter.decorateFutureSupplier(limiter, () -> timeoutExecutor.submit(body));
    }

    /**
     * Fallback(Retry(CircuitBreaker(TimeLimiter(Bulkhead(body))))): Steadfast's order. The bulkhead runs on the
     * executor thread, inside the time limit, as Steadfast's runs inside its timeout.
     */
    public Callable<String> fullStack(String name, Callable<String> body) {
        Callable<String> c = Bulkhead.decorateCallable(bulkhead(name, Settings.BULKHEAD), body);
        c = withTimeout(timeLimiter(name), c);
        c = CircuitBreaker.decorateCallable(breaker(name, Settings.BREAKER_DELAY), c);
        c = Retry.decorateCallable(retry(name), c);
        return CallableUtils.recover(c, failure -> Work.FALLBACK);
    }

    @Override
    public void close() throws InterruptedException {
        timeoutExecutor.shutdownNow();
        timeoutExecutor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
