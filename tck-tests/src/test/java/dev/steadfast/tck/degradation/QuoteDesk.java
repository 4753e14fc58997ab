package dev.steadfast.tck.degradation;

import dev.steadfast.Asynchronous;
import dev.steadfast.Degraded;
import dev.steadfast.Fallback;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Quotes that say whether they are degraded: {@code Degraded<String>} answers, synchronous, staged, asynchronous. */
@ApplicationScoped
public class QuoteDesk {

    @Fallback(fallbackMethod = "cached")
    public Degraded<String> quote(String symbol, boolean fail) throws IOException {
        if (fail) {
            throw new IOException("feed down");
        }
        return Degraded.fresh("live " + symbol);
    }

    @Fallback(fallbackMethod = "cachedStage")
    public CompletionStage<Degraded<String>> quoteStaged(String symbol, boolean fail) {
        return fail ? CompletableFuture.failedFuture(new IOException("feed down"))
                : CompletableFuture.completedFuture(Degraded.fresh("live " + symbol));
    }

    @Asynchronous
    @Fallback(fallbackMethod = "cachedLater")
    public CompletableFuture<Degraded<String>> quoteLater(String symbol, boolean fail) throws IOException {
        if (fail) {
            throw new IOException("feed down");
        }
        return CompletableFuture.completedFuture(Degraded.fresh("live " + symbol + " on "
                + Thread.currentThread().getName()));
    }

    @Fallback(DeskHandler.class)
    public Degraded<String> quoteHandled(String symbol, boolean fail) throws IOException {
        return quote(symbol, fail);
    }

    @Fallback(fallbackMethod = {"replica", "cached"})
    public Degraded<String> quoteChained(String symbol, boolean fail) throws IOException {
        return quote(symbol, fail);
    }

    /** A plain value: Steadfast flags it. */
    String cached(String symbol, boolean fail) {
        return "cached " + symbol;
    }

    CompletionStage<String> cachedStage(String symbol, boolean fail) {
        return CompletableFuture.completedFuture("cached " + symbol);
    }

    /** A {@code Degraded} that says it is fresh: Steadfast flags it all the same, with this call's reason. */
    CompletableFuture<Degraded<String>> cachedLater(String symbol, boolean fail) {
        return CompletableFuture.completedFuture(Degraded.fresh("cached " + symbol + " on "
                + Thread.currentThread().getName()));
    }

    String replica(String symbol, boolean fail) {
        throw new IllegalStateException("replica lagging");
    }
}
