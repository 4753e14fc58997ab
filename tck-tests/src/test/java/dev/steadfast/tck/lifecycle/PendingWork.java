package dev.steadfast.tck.lifecycle;

import dev.steadfast.Asynchronous;
import dev.steadfast.Bulkhead;
import dev.steadfast.Retry;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Asynchronous calls that are still pending when the container stops: running, queued, or waiting to retry. */
@ApplicationScoped
public class PendingWork {

    private final AtomicInteger retriedAttempts = new AtomicInteger();

    /** One runs, five wait in the bulkhead's queue; the running one waits for {@code release} (at most 10 s). */
    @Asynchronous
    @Bulkhead(value = 1, waitingTaskQueue = 5)
    public CompletionStage<String> oneAtATime(CountDownLatch entered, CountDownLatch release) {
        entered.countDown();
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return CompletableFuture.completedFuture("ran");
    }

    /** Fails at once, then waits an hour for its retry. */
    @Asynchronous
    @Retry(maxRetries = 1, delay = 1, delayUnit = ChronoUnit.HOURS, maxDuration = 2, durationUnit = ChronoUnit.HOURS)
    public CompletionStage<String> retriedInAnHour() throws IOException {
        retriedAttempts.incrementAndGet();
        throw new IOException("not yet");
    }

    /** Runs at once (or after whatever occupies the executor). */
    @Asynchronous
    public CompletionStage<String> plain() {
        return CompletableFuture.completedFuture("plain");
    }

    public int retriedAttempts() {
        return retriedAttempts.get();
    }
}
