package dev.steadfast.mp.beans;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Bulkheads of one call at a time, held full by a call parked on a latch. */
@ApplicationScoped
public class Crowded {

    @Bulkhead(1)
    public String sync(CountDownLatch entered, CountDownLatch release) throws InterruptedException {
        entered.countDown();
        release.await(30, TimeUnit.SECONDS);
        return "sync";
    }

    @Asynchronous
    @Bulkhead(value = 1, waitingTaskQueue = 1)
    public CompletionStage<String> async(CountDownLatch entered, CountDownLatch release) throws InterruptedException {
        entered.countDown();
        release.await(30, TimeUnit.SECONDS);
        return CompletableFuture.completedFuture("async");
    }
}
