package dev.steadfast.tck.bulkhead;

import dev.steadfast.Asynchronous;
import dev.steadfast.Bulkhead;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** Bulkheads of 4 whose bodies track how many of them run at once. */
@ApplicationScoped
public class FourAtATime {

    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();
    private final AtomicInteger invocations = new AtomicInteger();

    @Bulkhead(4)
    public void work() {
        body();
    }

    @Asynchronous
    @Bulkhead(value = 4, waitingTaskQueue = 4)
    public CompletionStage<Void> workAsync() {
        body();
        return CompletableFuture.completedFuture(null);
    }

    private void body() {
        int now = running.incrementAndGet();
        try {
            invocations.incrementAndGet();
            mostRunning.accumulateAndGet(now, Math::max);
            LockSupport.parkNanos(100_000); // stay a little, so that callers overlap
        } finally {
            running.decrementAndGet();
        }
    }

    public int mostRunning() {
        return mostRunning.get();
    }

    public int invocations() {
        return invocations.get();
    }
}
