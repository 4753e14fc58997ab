package dev.steadfast.tck.retry;

import dev.steadfast.Fallback;
import dev.steadfast.Retry;
import dev.steadfast.RetryExhaustedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Retries and a fallback on the same methods: the fallback is outermost and sees the retries' final outcome. */
@ApplicationScoped
public class QuoteService {

    @Inject
    Counters counters;

    private volatile Throwable seenByFallback;

    public Throwable seenByFallback() {
        return seenByFallback;
    }

    @Retry(maxRetries = 2)
    @Fallback(fallbackMethod = "lastKnown")
    public String quote(String symbol) throws IOException {
        throw new IOException("quote " + symbol + " " + counters.increment("quote"));
    }

    String lastKnown(String symbol, Throwable failure) {
        seenByFallback = failure;
        return "last known " + symbol;
    }

    @Retry(maxRetries = 2, retryOn = IOException.class)
    @Fallback(fallbackMethod = "fromDisk", applyOn = IOException.class)
    public String applyOnTheCause(String symbol) throws IOException {
        throw new IOException("applyOnTheCause " + counters.increment("applyOnTheCause"));
    }

    /** Narrower than {@code RetryExhaustedException}: receives its cause. */
    String fromDisk(String symbol, IOException failure) {
        seenByFallback = failure;
        return "from disk " + symbol;
    }

    @Retry(maxRetries = 2)
    @Fallback(fallbackMethod = "never", skipOn = IOException.class)
    public String skipOnTheCause() throws IOException {
        throw new IOException("skipOnTheCause " + counters.increment("skipOnTheCause"));
    }

    String never() {
        throw new AssertionError("skipOn should have let the failure through");
    }

    @Retry(maxRetries = 2, abortOn = FileNotFoundException.class)
    @Fallback(fallbackMethod = "placeholder")
    public String aborted() throws IOException {
        throw new FileNotFoundException("aborted " + counters.increment("aborted"));
    }

    String placeholder(Exception failure) {
        seenByFallback = failure;
        return "placeholder";
    }

    @Retry(maxRetries = 2)
    @Fallback(fallbackMethod = "cachedStage")
    public CompletionStage<String> quoteLater() {
        return CompletableFuture.failedFuture(new IOException("quoteLater " + counters.increment("quoteLater")));
    }

    CompletionStage<String> cachedStage(RetryExhaustedException failure) {
        seenByFallback = failure;
        return CompletableFuture.completedFuture("cached stage");
    }
}
