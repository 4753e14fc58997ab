package dev.steadfast.tck.bulkhead;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code @Bulkhead} on an asynchronous method (docs/annotations.md): {@code value} run, {@code waitingTaskQueue} wait,
 * the next one's stage fails with {@link BulkheadFullException}; the caller is never blocked and nothing is thrown.
 */
@EnableWeld
class AsynchronousBulkheadTest {

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.withRequestScope(TwoRunningTwoQueued.class, OneStageAtATime.class);

    @Inject
    TwoRunningTwoQueued bean;

    @Inject
    OneStageAtATime stages;

    @Test
    void runsValueCallsQueuesWaitingTaskQueueMoreAndFailsTheNextStageWithBulkheadFull() throws Exception {
        CountDownLatch running = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        try {
            CompletableFuture<String> first = bean.hold("first", running, release).toCompletableFuture();
            CompletableFuture<String> second = bean.hold("second", running, release).toCompletableFuture();
            assertTrue(running.await(5, TimeUnit.SECONDS), "two calls should be running");
            CompletableFuture<String> third = bean.hold("third", new CountDownLatch(1), release).toCompletableFuture();
            CompletableFuture<String> fourth = bean.hold("fourth", new CountDownLatch(1), release)
                    .toCompletableFuture();

            CompletableFuture<String> fifth = bean.hold("fifth", new CountDownLatch(1), release).toCompletableFuture();

            assertTrue(fifth.isCompletedExceptionally(), "the call beyond running + queued fails at once");
            ExecutionException e = assertThrows(ExecutionException.class, fifth::get);
            BulkheadFullException full = assertInstanceOf(BulkheadFullException.class, e.getCause());
            assertEquals(2, full.getMaxConcurrentCalls());
            assertEquals(2, full.getWaitingTaskQueue());
            assertEquals(List.of("first", "second"), sorted(bean.started()), "queued calls wait for a permit");
            for (CompletableFuture<String> f : List.of(first, second, third, fourth)) {
                assertFalse(f.isDone());
            }
        } finally {
            release.countDown();
        }
    }

    @Test
    void queuedCallsRunOnceRunningOnesFinish() throws Exception {
        CountDownLatch running = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = bean.hold("first", running, release).toCompletableFuture();
        CompletableFuture<String> second = bean.hold("second", running, release).toCompletableFuture();
        assertTrue(running.await(5, TimeUnit.SECONDS));
        CountDownLatch queuedStarted = new CountDownLatch(2);
        CompletableFuture<String> third = bean.hold("third", queuedStarted, release).toCompletableFuture();
        CompletableFuture<String> fourth = bean.hold("fourth", queuedStarted, release).toCompletableFuture();
        assertEquals(2, queuedStarted.getCount(), "queued calls must not start while both permits are held");

        release.countDown();

        assertTrue(queuedStarted.await(5, TimeUnit.SECONDS), "queued calls start when permits are released");
        assertEquals("first", first.get(5, TimeUnit.SECONDS));
        assertEquals("second", second.get(5, TimeUnit.SECONDS));
        assertEquals("third", third.get(5, TimeUnit.SECONDS));
        assertEquals("fourth", fourth.get(5, TimeUnit.SECONDS));
        assertEquals(List.of("first", "fourth", "second", "third"), sorted(bean.started()));

        CompletableFuture<String> later = bean.hold("later", new CountDownLatch(1), release).toCompletableFuture();
        assertEquals("later", later.get(5, TimeUnit.SECONDS), "every permit came back");
    }

    @Test
    void aCancelledQueuedCallNeverRuns() throws Exception {
        CountDownLatch running = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = bean.hold("first", running, release).toCompletableFuture();
        CompletableFuture<String> second = bean.hold("second", running, release).toCompletableFuture();
        assertTrue(running.await(5, TimeUnit.SECONDS));
        CompletableFuture<String> cancelled = bean.hold("cancelled", new CountDownLatch(1), release)
                .toCompletableFuture();
        CountDownLatch queuedStarted = new CountDownLatch(1);
        CompletableFuture<String> kept = bean.hold("kept", queuedStarted, release).toCompletableFuture();

        assertTrue(cancelled.cancel(true));
        release.countDown();

        assertEquals("kept", kept.get(5, TimeUnit.SECONDS));
        first.get(5, TimeUnit.SECONDS);
        second.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("first", "kept", "second"), sorted(bean.started()), "the cancelled call never ran");
    }

    @Test
    void aStageReturningMethodHoldsItsPermitUntilTheStageCompletes() throws Exception {
        CompletableFuture<String> firstOutcome = new CompletableFuture<>();
        CompletableFuture<String> first = stages.call(firstOutcome).toCompletableFuture();

        CompletableFuture<String> second = stages.call(CompletableFuture.completedFuture("second"))
                .toCompletableFuture();

        ExecutionException e = assertThrows(ExecutionException.class, () -> second.get(5, TimeUnit.SECONDS));
        assertInstanceOf(BulkheadFullException.class, e.getCause(), "the first call still runs: its stage is pending");
        assertEquals(1, stages.invocations());

        firstOutcome.complete("first");

        assertEquals("first", first.get(5, TimeUnit.SECONDS));
        assertEquals("third", stages.call(CompletableFuture.completedFuture("third")).toCompletableFuture()
                .get(5, TimeUnit.SECONDS), "the permit came back when the stage completed");
        assertEquals(2, stages.invocations());
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }
}
