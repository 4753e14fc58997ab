package dev.steadfast.tck.async;

import dev.steadfast.Asynchronous;
import dev.steadfast.CircuitBreaker;
import dev.steadfast.Fallback;
import dev.steadfast.Retry;
import dev.steadfast.Timeout;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** An asynchronous body under every staged policy, which sleeps until it is interrupted. */
@ApplicationScoped
public class GuardedSleeper {

    private final AtomicInteger attempts = new AtomicInteger();

    @Asynchronous
    @Fallback(fallbackMethod = "rested")
    @Retry(maxRetries = 3)
    @CircuitBreaker
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    public CompletionStage<String> sleep(CountDownLatch entered, CountDownLatch interrupted)
            throws InterruptedException {
        attempts.incrementAndGet();
        entered.countDown();
        try {
            TimeUnit.MINUTES.sleep(1);
        } catch (InterruptedException e) {
            interrupted.countDown();
            throw e;
        }
        return CompletableFuture.completedFuture("woke up");
    }

    CompletionStage<String> rested(CountDownLatch entered, CountDownLatch interrupted) {
        return CompletableFuture.completedFuture("rested");
    }

    public int attempts() {
        return attempts.get();
    }
}
