package dev.steadfast.tck.fallback;

import dev.steadfast.Fallback;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Fallbacks on methods that return a {@code CompletionStage} (no {@code @Asynchronous}). */
@ApplicationScoped
public class StagedQuotes {

    @Fallback(fallbackMethod = "cached")
    public CompletionStage<String> quote(String symbol) {
        return CompletableFuture.failedFuture(new IOException("feed down"));
    }

    @Fallback(fallbackMethod = "cached")
    public CompletionStage<String> quoteThrowing(String symbol) {
        throw new IllegalStateException("feed misconfigured");
    }

    @Fallback(fallbackMethod = "cached")
    public CompletionStage<String> quoteInTime(String symbol) {
        return CompletableFuture.completedFuture("live " + symbol);
    }

    @Fallback(fallbackMethod = {"replicaFails", "cached"})
    public CompletionStage<String> quoteChained(String symbol) {
        return CompletableFuture.failedFuture(new IOException("feed down"));
    }

    @Fallback(fallbackMethod = "cached", skipOn = FileNotFoundException.class)
    public CompletionStage<String> quoteSkipped(String symbol) {
        return CompletableFuture.failedFuture(new FileNotFoundException("no feed file"));
    }

    CompletableFuture<String> cached(String symbol, Throwable failure) {
        return CompletableFuture.completedFuture("cached " + symbol + " after " + failure.getMessage());
    }

    CompletionStage<String> replicaFails(String symbol) {
        return CompletableFuture.failedFuture(new IllegalStateException("replica lagging"));
    }
}
