package dev.steadfast.tck.bulkhead;

import dev.steadfast.Bulkhead;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Returns a stage without {@code @Asynchronous}: the method returns at once, but its call lasts until the stage it
 * returned completes ({@code docs/annotations.md}).
 */
@ApplicationScoped
public class OneStageAtATime {

    private final AtomicInteger invocations = new AtomicInteger();

    @Bulkhead(value = 1, waitingTaskQueue = 0)
    public CompletionStage<String> call(CompletableFuture<String> outcome) {
        invocations.incrementAndGet();
        return outcome;
    }

    public int invocations() {
        return invocations.get();
    }
}
