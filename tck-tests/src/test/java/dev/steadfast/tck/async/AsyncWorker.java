package dev.steadfast.tck.async;

import dev.steadfast.Asynchronous;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code @Asynchronous} methods whose bodies report where and how they ran. */
@ApplicationScoped
public class AsyncWorker {

    @Inject
    BeanManager beanManager;

    @Inject
    RequestInfo requestInfo;

    private volatile Thread bodyThread;
    private volatile boolean bodyFinished;

    /** Holds the body until {@code release} (at most 5 s); the stage holds the body's thread. */
    @Asynchronous
    public CompletionStage<Thread> hold(CountDownLatch started, CountDownLatch release) throws InterruptedException {
        bodyThread = Thread.currentThread();
        started.countDown();
        release.await(5, TimeUnit.SECONDS);
        bodyFinished = true;
        return CompletableFuture.completedFuture(Thread.currentThread());
    }

    /** Waits for an interrupt (at most 10 s) and counts {@code interrupted} down when it comes. */
    @Asynchronous
    public CompletionStage<String> awaitInterrupt(CountDownLatch started, CountDownLatch interrupted) {
        started.countDown();
        try {
            new CountDownLatch(1).await(10, TimeUnit.SECONDS);
            return CompletableFuture.completedFuture("never interrupted");
        } catch (InterruptedException e) {
            interrupted.countDown();
            return CompletableFuture.failedFuture(e);
        }
    }

    @Asynchronous
    public CompletionStage<Boolean> requestContextActive() {
        try {
            return CompletableFuture.completedFuture(beanManager.getContext(RequestScoped.class).isActive());
        } catch (ContextNotActiveException e) {
            return CompletableFuture.completedFuture(false);
        }
    }

    /** The id of the request-scoped bean as the body sees it. */
    @Asynchronous
    public CompletableFuture<String> requestId() {
        return CompletableFuture.completedFuture(requestInfo.id());
    }

    @Asynchronous
    public CompletionStage<String> fail() throws IOException {
        throw new IOException("the body failed");
    }

    public Thread bodyThread() {
        return bodyThread;
    }

    public boolean bodyFinished() {
        return bodyFinished;
    }
}
