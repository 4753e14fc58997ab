package dev.steadfast.tck.bulkhead;

import dev.steadfast.Asynchronous;
import dev.steadfast.Bulkhead;
import dev.steadfast.Timeout;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One call at a time to an upstream that answers through a stage: without {@code @Asynchronous} (the work behind the
 * stage is the upstream's, Steadfast cannot stop it) and with it.
 */
@ApplicationScoped
public class TimedUpstream {

    private final AtomicInteger started = new AtomicInteger();

    @Timeout(50)
    @Bulkhead(value = 1, waitingTaskQueue = 0)
    public CompletionStage<String> fetch(CompletableFuture<String> upstream) {
        started.incrementAndGet();
        return upstream;
    }

    @Asynchronous
    @Bulkhead(value = 1, waitingTaskQueue = 0)
    public CompletionStage<String> quick(int i) {
        return CompletableFuture.completedFuture("answer " + i);
    }

    /** Upstream work started so far. */
    public int started() {
        return started.get();
    }
}
