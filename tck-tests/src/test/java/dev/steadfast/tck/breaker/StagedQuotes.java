package dev.steadfast.tck.breaker;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/** Returns a stage without {@code @Asynchronous}: the breaker judges the stage's outcome. */
@ApplicationScoped
public class StagedQuotes {

    private final AtomicInteger invocations = new AtomicInteger();

    @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.MINUTES)
    public CompletionStage<String> quote(boolean fail) {
        int n = invocations.incrementAndGet();
        return fail ? CompletableFuture.failedFuture(new IOException("failure " + n))
                : CompletableFuture.completedFuture("quote " + n);
    }

    public int invocations() {
        return invocations.get();
    }
}
