package dev.steadfast.micrometer;

import dev.steadfast.Bulkhead;
import dev.steadfast.RateLimit;
import dev.steadfast.Timeout;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;

@ApplicationScoped
public class Limited {

    /** Holds its permit until {@code release} opens, after saying it entered. */
    @Bulkhead(1)
    public String hold(CountDownLatch entered, CountDownLatch release) throws InterruptedException {
        entered.countDown();
        release.await();
        return "held";
    }

    /** Runs (holds its permit) until {@code stage} completes. */
    @Bulkhead(value = 1, waitingTaskQueue = 1)
    public CompletionStage<String> queue(CompletableFuture<String> stage) {
        return stage;
    }

    @RateLimit(value = 1, window = 1, windowUnit = ChronoUnit.HOURS)
    public String once() {
        return "once";
    }

    /** Waits until interrupted by the timeout. */
    @Timeout(50)
    public String stuck() throws InterruptedException {
        new CountDownLatch(1).await();
        return "never";
    }
}
