package dev.steadfast.tck.bulkhead;

import dev.steadfast.Asynchronous;
import dev.steadfast.Bulkhead;
import dev.steadfast.Timeout;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asynchronous bodies that do not stop when interrupted (like a blocking socket read): they note the interrupt and
 * run on until the test releases them, however their callers gave up. One at a time, no queue.
 */
@ApplicationScoped
public class StubbornAsync {

    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();

    @Asynchronous
    @Bulkhead(value = 1, waitingTaskQueue = 0)
    public CompletionStage<String> work(CountDownLatch entered, CountDownLatch interrupted, CountDownLatch release) {
        return body(entered, interrupted, release);
    }

    @Asynchronous
    @Timeout(50)
    @Bulkhead(value = 1, waitingTaskQueue = 0)
    public CompletionStage<String> workWithTimeout(CountDownLatch entered, CountDownLatch interrupted,
            CountDownLatch release) {
        return body(entered, interrupted, release);
    }

    private CompletionStage<String> body(CountDownLatch entered, CountDownLatch interrupted, CountDownLatch release) {
        mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            entered.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (release.getCount() > 0 && System.nanoTime() - deadline < 0) {
                try {
                    release.await(10, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    interrupted.countDown(); // and keeps going, as a body stuck in uninterruptible I/O would
                }
            }
            return CompletableFuture.completedFuture("done");
        } finally {
            running.decrementAndGet();
        }
    }

    public int mostRunning() {
        return mostRunning.get();
    }
}
