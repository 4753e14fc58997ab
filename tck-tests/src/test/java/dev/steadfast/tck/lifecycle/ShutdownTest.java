package dev.steadfast.tck.lifecycle;

import dev.steadfast.FaultToleranceException;
import dev.steadfast.tck.support.Eventually;
import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When the container stops, no caller is left waiting: every asynchronous call still pending (running, queued in a
 * bulkhead or in the executor, waiting for a delayed retry) completes exceptionally, within the shutdown, with a
 * {@link FaultToleranceException} saying that the application is stopping.
 */
class ShutdownTest {

    @Test
    void callsRunningQueuedInABulkheadAndWaitingToRetryFailWhenTheContainerStops() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<String>> pending = new ArrayList<>();
        try {
            TestContainer c = TestContainer.start(PendingWork.class);
            PendingWork work = c.select(PendingWork.class);
            CountDownLatch entered = new CountDownLatch(1);
            pending.add(work.oneAtATime(entered, release).toCompletableFuture());
            assertTrue(entered.await(5, TimeUnit.SECONDS), "the first call runs");
            for (int i = 0; i < 5; i++) {
                pending.add(work.oneAtATime(new CountDownLatch(1), release).toCompletableFuture());
            }
            pending.add(work.retriedInAnHour().toCompletableFuture());
            Eventually.await(() -> work.retriedAttempts() == 1, () -> "the first attempt has not failed yet");

            c.close();

            assertAllStopped(pending);
        } finally {
            release.countDown();
        }
    }

    @Test
    void callsQueuedInTheExecutorFailWhenTheContainerStops() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<String>> pending = new ArrayList<>();
        try {
            TestContainer c = TestContainer.start(PendingWork.class, OneThreadExecutor.class);
            PendingWork work = c.select(PendingWork.class);
            CountDownLatch entered = new CountDownLatch(1);
            pending.add(work.oneAtATime(entered, release).toCompletableFuture());
            assertTrue(entered.await(5, TimeUnit.SECONDS), "the first call occupies the executor's only thread");
            for (int i = 0; i < 3; i++) {
                pending.add(work.plain().toCompletableFuture());
            }

            c.close();

            assertAllStopped(pending);
        } finally {
            release.countDown();
        }
    }

    private static void assertAllStopped(List<CompletableFuture<String>> pending) {
        for (int i = 0; i < pending.size(); i++) {
            CompletableFuture<String> f = pending.get(i);
            int n = i;
            assertTrue(f.isDone(), () -> "call " + n + " of " + pending.size() + " still pending after the shutdown");
            ExecutionException e = assertThrows(ExecutionException.class, f::get, "call " + n);
            assertInstanceOf(FaultToleranceException.class, e.getCause(), "call " + n);
            assertTrue(e.getCause().getMessage().contains("stopping"), e.getCause().getMessage());
        }
        assertEquals(pending.size(), pending.stream().filter(CompletableFuture::isCompletedExceptionally).count());
    }
}
