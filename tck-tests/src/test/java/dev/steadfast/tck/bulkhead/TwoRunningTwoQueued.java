package dev.steadfast.tck.bulkhead;

import dev.steadfast.Asynchronous;
import dev.steadfast.Bulkhead;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** An asynchronous method with two executions at once and two more waiting in the queue. */
@ApplicationScoped
public class TwoRunningTwoQueued {

    private final List<String> started = new CopyOnWriteArrayList<>();

    @Asynchronous
    @Bulkhead(value = 2, waitingTaskQueue = 2)
    public CompletionStage<String> hold(String name, CountDownLatch entered, CountDownLatch release)
            throws InterruptedException {
        started.add(name);
        entered.countDown();
        if (!release.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the call");
        }
        return CompletableFuture.completedFuture(name);
    }

    /** The calls whose body started, in order. */
    public List<String> started() {
        return List.copyOf(started);
    }
}
