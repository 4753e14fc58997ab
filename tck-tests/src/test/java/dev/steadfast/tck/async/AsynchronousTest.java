package dev.steadfast.tck.async;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.TimeoutExceededException;
import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code @Asynchronous} (docs/annotations.md): the body runs on the executor and the caller gets a stage at once. */
@EnableWeld
class AsynchronousTest {

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.withRequestScope(AsyncWorker.class, RequestInfo.class, Tracker.class,
            SlowAsyncWorker.class, FlakyAsyncWorker.class);

    @Inject
    AsyncWorker worker;

    @Inject
    SlowAsyncWorker slow;

    @Inject
    FlakyAsyncWorker flaky;

    @Inject
    Tracker tracker;

    @Test
    void bodyRunsOnAnotherThreadThanTheCaller() throws Exception {
        Thread body = worker.hold(new CountDownLatch(1), new CountDownLatch(0)).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);

        assertNotSame(Thread.currentThread(), body);
    }

    @Test
    void callerGetsTheStageBeforeTheBodyFinishes() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        CompletableFuture<Thread> stage = worker.hold(started, release).toCompletableFuture();

        // Only this thread releases the body, so a caller that waited for the body would have waited 5 s for nothing.
        assertFalse(worker.bodyFinished(), "the call returned only after the body finished");
        assertFalse(stage.isDone());
        assertTrue(started.await(5, TimeUnit.SECONDS), "the body should start without the caller's help");
        assertNotSame(Thread.currentThread(), worker.bodyThread());
        release.countDown();
        assertEquals(worker.bodyThread(), stage.get(5, TimeUnit.SECONDS));
        assertTrue(worker.bodyFinished());
    }

    @Test
    void requestContextIsActiveInTheBody() throws Exception {
        assertTrue(worker.requestContextActive().toCompletableFuture().get(5, TimeUnit.SECONDS));
    }

    @Test
    void requestScopedBeansCanBeUsedInTheBodyAndEndWithIt() throws Exception {
        String id = worker.requestId().get(5, TimeUnit.SECONDS);

        assertTrue(tracker.awaitDestroyed(id), "the request context activated for the body should end after it");
    }

    @Test
    void aFailureOfTheBodyFailsTheStageUnwrapped() {
        CompletableFuture<String> stage = assertDoesNotThrowOnCall(() -> worker.fail().toCompletableFuture());

        ExecutionException e = assertThrows(ExecutionException.class, () -> stage.get(5, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, e.getCause());
        assertEquals("the body failed", e.getCause().getMessage());
    }

    @Test
    void cancellingTheFutureInterruptsTheRunningBody() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        CompletableFuture<String> stage = worker.awaitInterrupt(started, interrupted).toCompletableFuture();
        assertTrue(started.await(5, TimeUnit.SECONDS));

        assertTrue(stage.cancel(true));

        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the body should have been interrupted");
        assertTrue(stage.isCancelled());
        assertThrows(CancellationException.class, stage::join);
    }

    @Test
    void timeoutCompletesTheStageExceptionallyAtTheDeadline() {
        CountDownLatch interrupted = new CountDownLatch(1);
        long start = System.nanoTime();
        CompletableFuture<String> stage = slow.slow(interrupted).toCompletableFuture();

        ExecutionException e = assertThrows(ExecutionException.class, () -> stage.get(5, TimeUnit.SECONDS));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        TimeoutExceededException timeout = assertInstanceOf(TimeoutExceededException.class, e.getCause());
        assertEquals(Duration.ofMillis(100), timeout.getTimeout());
        assertTrue(took.compareTo(Duration.ofMillis(100)) >= 0, "completed after " + took + ", before the deadline");
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "completed only after " + took);
    }

    @Test
    void timeoutInterruptsTheBody() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        CompletableFuture<String> stage = slow.slow(interrupted).toCompletableFuture();

        assertThrows(ExecutionException.class, () -> stage.get(5, TimeUnit.SECONDS));
        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the timed-out body should be interrupted");
    }

    @Test
    void retryRerunsTheBodyWithoutBlockingTheCaller() throws Exception {
        flaky.failFirst(2);
        CountDownLatch firstAttemptGate = new CountDownLatch(1);

        CompletableFuture<String> stage = flaky.call(firstAttemptGate).toCompletableFuture();

        assertFalse(stage.isDone(), "the caller got the stage while the first attempt was still running");
        firstAttemptGate.countDown();
        assertEquals("ok after 3", stage.get(5, TimeUnit.SECONDS));
        assertEquals(3, flaky.attempts());
        for (Thread t : flaky.threads()) {
            assertNotSame(Thread.currentThread(), t, "every attempt runs on the async executor");
        }
    }

    @Test
    void retriesExhaustedFailTheStageWithRetryExhausted() throws Exception {
        flaky.failFirst(10);

        CompletableFuture<String> stage = flaky.call(new CountDownLatch(0)).toCompletableFuture();

        ExecutionException e = assertThrows(ExecutionException.class, () -> stage.get(5, TimeUnit.SECONDS));
        RetryExhaustedException exhausted = assertInstanceOf(RetryExhaustedException.class, e.getCause());
        assertEquals(4, exhausted.getAttempts());
        assertInstanceOf(IOException.class, exhausted.getCause());
        assertEquals(4, flaky.attempts());
    }

    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    /** Calling an asynchronous method never throws what the body throws: the stage carries it. */
    private static <T> T assertDoesNotThrowOnCall(ThrowingSupplier<T> call) {
        try {
            return call.get();
        } catch (Exception e) {
            throw new AssertionError("the call threw instead of failing the stage", e);
        }
    }
}
