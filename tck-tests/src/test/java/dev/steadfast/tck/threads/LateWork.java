package dev.steadfast.tck.threads;

import dev.steadfast.Fallback;
import dev.steadfast.Retry;
import dev.steadfast.Timeout;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stage-returning methods whose stages never complete, so that their timeouts fire on the timer; the fallbacks and
 * retries note the thread they run on.
 */
@ApplicationScoped
public class LateWork {

    private final List<String> threads = new CopyOnWriteArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final CountDownLatch blockingFallbackEntered = new CountDownLatch(1);

    @Timeout(100)
    @Fallback(fallbackMethod = "noted")
    public CompletionStage<String> neverAnswers() {
        return new CompletableFuture<>();
    }

    CompletionStage<String> noted() {
        threads.add("fallback on " + Thread.currentThread().getName());
        return CompletableFuture.completedFuture("fallback");
    }

    @Timeout(100)
    @Fallback(fallbackMethod = "blocking")
    public CompletionStage<String> neverAnswersThenFallsBackSlowly(CountDownLatch release) {
        return new CompletableFuture<>();
    }

    CompletionStage<String> blocking(CountDownLatch release) throws InterruptedException {
        blockingFallbackEntered.countDown();
        release.await(10, TimeUnit.SECONDS);
        return CompletableFuture.completedFuture("slow fallback");
    }

    @Timeout(100)
    public CompletionStage<String> timesOut() {
        return new CompletableFuture<>();
    }

    @Retry(maxRetries = 1, delay = 50)
    public CompletionStage<String> failsOnceThenAnswers() {
        threads.add("attempt " + attempts.incrementAndGet() + " on " + Thread.currentThread().getName());
        return attempts.get() == 1 ? CompletableFuture.failedFuture(new IOException("first attempt"))
                : CompletableFuture.completedFuture("second attempt");
    }

    /** Waits up to 5 s for the blocking fallback to start; {@code false} if it did not. */
    public boolean awaitBlockingFallback() throws InterruptedException {
        return blockingFallbackEntered.await(5, TimeUnit.SECONDS);
    }

    /** Where the fallbacks and attempts ran, in order. */
    public List<String> threads() {
        return List.copyOf(threads);
    }
}
