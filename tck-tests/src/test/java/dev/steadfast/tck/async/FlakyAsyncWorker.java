package dev.steadfast.tck.async;

import dev.steadfast.Asynchronous;
import dev.steadfast.Retry;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** An asynchronous method that fails a given number of times before it succeeds, retried up to 3 times. */
@ApplicationScoped
public class FlakyAsyncWorker {

    private final AtomicInteger attempts = new AtomicInteger();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile int failures;

    void failFirst(int n) {
        failures = n;
    }

    /** The first attempt waits for {@code firstAttemptGate} (at most 5 s) before it fails. */
    @Asynchronous
    @Retry(maxRetries = 3, delay = 10)
    public CompletionStage<String> call(CountDownLatch firstAttemptGate) throws Exception {
        int attempt = attempts.incrementAndGet();
        threads.add(Thread.currentThread());
        if (attempt == 1) {
            firstAttemptGate.await(5, TimeUnit.SECONDS);
        }
        if (attempt <= failures) {
            throw new IOException("failure " + attempt);
        }
        return CompletableFuture.completedFuture("ok after " + attempt);
    }

    public int attempts() {
        return attempts.get();
    }

    /** The threads the attempts ran on, in order. */
    public List<Thread> threads() {
        return List.copyOf(threads);
    }
}
