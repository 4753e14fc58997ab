package dev.steadfast.tck.accounting;

import dev.steadfast.Asynchronous;
import dev.steadfast.CircuitBreaker;
import dev.steadfast.Fallback;
import dev.steadfast.Retry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Methods that fail with what the failure-accounting rule sets apart: fatal errors and the caller's interrupt. */
@ApplicationScoped
public class Fragile {

    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger fallbacks = new AtomicInteger();

    public int attempts() {
        return attempts.get();
    }

    public int fallbacks() {
        return fallbacks.get();
    }

    /** Opens after two failures in a row. */
    @CircuitBreaker(name = "fragile", requestVolumeThreshold = 2, failureRatio = 1.0)
    public String call(Throwable failure) throws Throwable {
        attempts.incrementAndGet();
        throw failure;
    }

    @Retry(maxRetries = 3, retryOn = Throwable.class)
    public String retried(Throwable failure) throws Throwable {
        attempts.incrementAndGet();
        throw failure;
    }

    @Fallback(fallbackMethod = "cached")
    public String withFallback(Throwable failure) throws Throwable {
        attempts.incrementAndGet();
        throw failure;
    }

    String cached(Throwable failure) {
        fallbacks.incrementAndGet();
        return "cached";
    }

    /** Sleeps until interrupted, then fails with the interrupt. */
    @Asynchronous
    @Fallback(fallbackMethod = "rested")
    public CompletionStage<String> sleep(CountDownLatch entered) throws InterruptedException {
        attempts.incrementAndGet();
        entered.countDown();
        TimeUnit.MINUTES.sleep(1);
        return CompletableFuture.completedFuture("woke up");
    }

    CompletionStage<String> rested(CountDownLatch entered) {
        fallbacks.incrementAndGet();
        return CompletableFuture.completedFuture("rested");
    }
}
