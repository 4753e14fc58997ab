package dev.steadfast.tck.async;

import dev.steadfast.Asynchronous;
import dev.steadfast.Timeout;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** An asynchronous body that takes far longer than its 100 ms timeout, unless interrupted. */
@ApplicationScoped
public class SlowAsyncWorker {

    @Asynchronous
    @Timeout(100)
    public CompletionStage<String> slow(CountDownLatch interrupted) {
        try {
            new CountDownLatch(1).await(10, TimeUnit.SECONDS);
            return CompletableFuture.completedFuture("too late");
        } catch (InterruptedException e) {
            interrupted.countDown();
            return CompletableFuture.failedFuture(e);
        }
    }
}
