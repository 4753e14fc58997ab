package dev.steadfast.soak.app;

import dev.steadfast.Asynchronous;
import dev.steadfast.Bulkhead;
import dev.steadfast.CircuitBreaker;
import dev.steadfast.Fallback;
import dev.steadfast.Retry;
import dev.steadfast.Timeout;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Guarded methods that use every thread Steadfast starts: the timer, the executor, the timer's hand-offs. */
@ApplicationScoped
public class Worker {

    private final AtomicInteger attempts = new AtomicInteger();

    @Timeout(5000)
    public String timed() {
        return "timed";
    }

    @Retry(maxRetries = 2, delay = 5)
    public String retried() throws IOException {
        if (attempts.incrementAndGet() % 2 == 1) {
            throw new IOException("first attempt fails");
        }
        return "retried";
    }

    @Asynchronous
    @Timeout(5000)
    @Bulkhead(value = 1, waitingTaskQueue = 2)
    public CompletionStage<String> async(CountDownLatch release) throws InterruptedException {
        release.await(10, TimeUnit.SECONDS);
        return CompletableFuture.completedFuture("async");
    }

    @Asynchronous
    @Retry(maxRetries = 1, delay = 10)
    public CompletionStage<String> asyncRetried() {
        return attempts.incrementAndGet() % 2 == 1 ? CompletableFuture.failedFuture(new IOException("once"))
                : CompletableFuture.completedFuture("async retried");
    }

    @Timeout(50)
    @Fallback(fallbackMethod = "fellBack")
    public CompletionStage<String> timesOut() {
        return new CompletableFuture<>();
    }

    CompletionStage<String> fellBack() {
        return CompletableFuture.completedFuture("fell back");
    }

    @CircuitBreaker(name = "soak-dependency", requestVolumeThreshold = 1, failureRatio = 1.0, delay = 50)
    public String dependency(boolean fail) throws IOException {
        if (fail) {
            throw new IOException("down");
        }
        return "up";
    }
}
