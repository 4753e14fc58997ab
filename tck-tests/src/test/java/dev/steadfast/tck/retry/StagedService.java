package dev.steadfast.tck.retry;

import dev.steadfast.Retry;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Returns a {@code CompletionStage} without {@code @Asynchronous}: its first {@code n} stages complete exceptionally
 * (or the method throws before returning one), then it answers.
 */
@ApplicationScoped
public class StagedService {

    private final AtomicInteger calls = new AtomicInteger();
    private volatile int failuresBeforeSuccess;
    private volatile boolean throwInsteadOfFailedStage;

    public void failFirst(int n) {
        failuresBeforeSuccess = n;
        throwInsteadOfFailedStage = false;
        calls.set(0);
    }

    public void throwFirst(int n) {
        failFirst(n);
        throwInsteadOfFailedStage = true;
    }

    public int calls() {
        return calls.get();
    }

    @Retry(maxRetries = 3)
    public CompletionStage<String> fetch() {
        int call = calls.incrementAndGet();
        if (call <= failuresBeforeSuccess) {
            IOException failure = new IOException("failure " + call);
            if (throwInsteadOfFailedStage) {
                throw new IllegalStateException("thrown " + call, failure);
            }
            return CompletableFuture.failedFuture(failure);
        }
        return CompletableFuture.completedFuture("ok after " + call);
    }

    /** Answers an empty string on its first {@code n} calls, as set by {@link #failFirst}. */
    @Retry(maxRetries = 3, retryOnResult = IsEmptyString.class)
    public CompletionStage<String> poll() {
        int call = calls.incrementAndGet();
        return CompletableFuture.completedFuture(call <= failuresBeforeSuccess ? "" : "data " + call);
    }

    /** Fails its stage on another thread, so the stage's failure is a {@code CompletionException} around it. */
    @Retry(maxRetries = 2, retryOn = IOException.class)
    public CompletionStage<String> fetchElsewhere() {
        int call = calls.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> {
            throw new java.util.concurrent.CompletionException(new IOException("remote failure " + call));
        });
    }

    @Retry(maxRetries = 3, abortOn = IllegalArgumentException.class)
    public CompletableFuture<String> reject(String input) {
        calls.incrementAndGet();
        return CompletableFuture.failedFuture(new IllegalArgumentException("bad input " + input));
    }
}
