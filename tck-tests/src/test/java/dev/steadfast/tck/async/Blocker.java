package dev.steadfast.tck.async;

import dev.steadfast.Asynchronous;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** An asynchronous body that holds its executor thread until released (at most 10 s). */
@ApplicationScoped
public class Blocker {

    @Asynchronous
    public CompletionStage<String> hold(CountDownLatch started, CountDownLatch release) throws InterruptedException {
        started.countDown();
        release.await(10, TimeUnit.SECONDS);
        return CompletableFuture.completedFuture("released");
    }
}
