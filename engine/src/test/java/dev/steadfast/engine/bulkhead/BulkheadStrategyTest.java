package dev.steadfast.engine.bulkhead;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.CallRejected;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.time.ManualClock;
import dev.steadfast.engine.time.ManualTimer;
import dev.steadfast.engine.time.ThreadTimer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.steadfast.engine.bulkhead.Support.METHOD;
import static dev.steadfast.engine.bulkhead.Support.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BulkheadStrategyTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final ManualClock clock = new ManualClock();
    private final ManualTimer timer = new ManualTimer(clock);
    private final Support.Rejections listener = new Support.Rejections();
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final CountDownLatch finish = new CountDownLatch(1);

    @AfterEach
    void stopCallers() throws InterruptedException {
        finish.countDown();
        callers.shutdownNow();
        assertTrue(callers.awaitTermination(10, TimeUnit.SECONDS));
    }

    private BulkheadStrategy<String> bulkhead(int value, long maxWaitNanos) {
        Strategy<String> body = Invocation::proceed;
        return new BulkheadStrategy<>(body, METHOD, new BulkheadPolicy(value, 10, maxWaitNanos), timer, listener);
    }

    /** Starts a call whose body stays inside the bulkhead until {@link #finish} opens. */
    private Future<String> holdInside(BulkheadStrategy<String> bulkhead, CountDownLatch entered) {
        return callers.submit(() -> bulkhead.call(() -> {
            entered.countDown();
            finish.await();
            return "held";
        }));
    }

    private static String get(Future<String> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    private static Throwable failure(Future<?> f) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void runsTheBodyAndReturnsItsResultWhenAPermitIsFree() throws Exception {
        BulkheadStrategy<String> bulkhead = bulkhead(1, 0);

        assertEquals("ok", bulkhead.call(() -> "ok"));
        assertEquals("ok again", bulkhead.call(() -> "ok again"));
        assertEquals(0, bulkhead.running());
        assertEquals(0, listener.count());
    }

    @Test
    void rejectsTheCallBeyondValueAtOnceWhenMaxWaitIsZero() throws Exception {
        BulkheadStrategy<String> bulkhead = bulkhead(2, 0);
        CountDownLatch entered = new CountDownLatch(2);
        Future<String> first = holdInside(bulkhead, entered);
        Future<String> second = holdInside(bulkhead, entered);
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        assertEquals(2, bulkhead.running());

        AtomicBoolean invoked = new AtomicBoolean();
        BulkheadFullException e = assertThrows(BulkheadFullException.class, () -> bulkhead.call(() -> {
            invoked.set(true);
            return "never";
        }));

        assertFalse(invoked.get());
        assertEquals(METHOD, e.getMethod());
        assertEquals(2, e.getMaxConcurrentCalls());
        assertEquals(0, e.getWaitingTaskQueue());
        assertEquals(List.of(new CallRejected(METHOD, CallRejected.Reason.BULKHEAD_FULL)), listener.events);
        assertEquals(0, bulkhead.queued());

        finish.countDown();
        assertEquals("held", get(first));
        assertEquals("held", get(second));
        assertEquals(0, bulkhead.running());
        assertEquals("ok", bulkhead.call(() -> "ok"));
    }

    @Test
    void releasesThePermitWhenTheBodyThrows() throws Exception {
        BulkheadStrategy<String> bulkhead = bulkhead(1, 0);
        IOException failure = new IOException("down");

        IOException thrown = assertThrows(IOException.class, () -> bulkhead.call(() -> {
            throw failure;
        }));

        assertSame(failure, thrown);
        assertEquals(0, bulkhead.running());
        assertEquals("ok", bulkhead.call(() -> "ok"));
    }

    @Test
    void waitingCallerGetsThePermitWhenARunningCallEnds() throws Exception {
        BulkheadStrategy<String> bulkhead = bulkhead(1, SECOND);
        CountDownLatch entered = new CountDownLatch(1);
        Future<String> running = holdInside(bulkhead, entered);
        assertTrue(entered.await(10, TimeUnit.SECONDS));

        Future<String> waiting = callers.submit(() -> bulkhead.call(() -> "waited"));
        await("the second caller waits", () -> bulkhead.queued() == 1 && timer.pending() == 1);
        assertFalse(waiting.isDone());

        finish.countDown();

        assertEquals("held", get(running));
        assertEquals("waited", get(waiting));
        assertEquals(0, bulkhead.running());
        assertEquals(0, bulkhead.queued());
        assertEquals(0, timer.pending(), "the deadline is cancelled once the permit arrives");
        assertEquals(0, listener.count());
    }

    @Test
    void waitingCallerIsRejectedWhenMaxWaitPassesWithoutAPermit() throws Exception {
        BulkheadStrategy<String> bulkhead = bulkhead(1, SECOND);
        CountDownLatch entered = new CountDownLatch(1);
        Future<String> running = holdInside(bulkhead, entered);
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        AtomicBoolean invoked = new AtomicBoolean();
        Future<String> waiting = callers.submit(() -> bulkhead.call(() -> {
            invoked.set(true);
            return "never";
        }));
        await("the second caller waits", () -> bulkhead.queued() == 1 && timer.pending() == 1);

        clock.advanceNanos(SECOND - 1);
        assertEquals(1, bulkhead.queued(), "still waiting 1 ns before maxWait");
        assertFalse(waiting.isDone());

        clock.advanceNanos(1);

        BulkheadFullException e = assertInstanceOf(BulkheadFullException.class, failure(waiting));
        assertEquals(1, e.getMaxConcurrentCalls());
        assertEquals(0, e.getWaitingTaskQueue());
        assertFalse(invoked.get());
        assertEquals(0, bulkhead.queued());
        assertEquals(1, bulkhead.running());
        assertEquals(List.of(new CallRejected(METHOD, CallRejected.Reason.BULKHEAD_FULL)), listener.events);
        finish.countDown();
        assertEquals("held", get(running));
        assertEquals(0, bulkhead.running());
    }

    @Test
    void waitingCallersGetPermitsInArrivalOrder() throws Exception {
        BulkheadStrategy<String> bulkhead = bulkhead(1, 100 * SECOND);
        CountDownLatch entered = new CountDownLatch(1);
        Future<String> running = holdInside(bulkhead, entered);
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
        List<Future<String>> waiting = new ArrayList<>();
        for (String name : List.of("b", "c", "d", "e")) {
            int queuedBefore = bulkhead.queued();
            waiting.add(callers.submit(() -> bulkhead.call(() -> {
                order.add(name);
                return name;
            })));
            await(name + " waits", () -> bulkhead.queued() == queuedBefore + 1);
        }

        finish.countDown();

        assertEquals("held", get(running));
        for (Future<String> f : waiting) {
            get(f);
        }
        assertEquals(List.of("b", "c", "d", "e"), List.copyOf(order));
        assertEquals(0, bulkhead.running());
        assertEquals(0, bulkhead.queued());
    }

    @Test
    void interruptedWaiterLeavesTheQueueWithInterruptedExceptionAndItsFlagSet() throws Exception {
        BulkheadStrategy<String> bulkhead = bulkhead(1, 100 * SECOND);
        CountDownLatch entered = new CountDownLatch(1);
        Future<String> running = holdInside(bulkhead, entered);
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagAfterwards = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            try {
                bulkhead.call(() -> "never");
            } catch (Throwable t) {
                thrown.set(t);
            }
            flagAfterwards.set(Thread.currentThread().isInterrupted());
        });
        waiter.start();
        await("the caller waits", () -> bulkhead.queued() == 1 && timer.pending() == 1);

        waiter.interrupt();
        waiter.join(10_000);

        assertInstanceOf(InterruptedException.class, thrown.get());
        assertTrue(flagAfterwards.get(), "the interrupt flag stays set, so an enclosing retry stops too");
        assertEquals(0, bulkhead.queued());
        assertEquals(0, timer.pending());
        assertEquals(0, listener.count(), "an interrupt is not a rejection");
        finish.countDown();
        assertEquals("held", get(running));
        assertEquals(0, bulkhead.running());
        assertEquals("ok", bulkhead.call(() -> "ok"));
    }

    @Test
    void interruptedCallerDoesNotStartWaitingButStillTakesAFreePermit() throws Exception {
        BulkheadStrategy<String> bulkhead = bulkhead(1, SECOND);
        Thread.currentThread().interrupt();
        try {
            assertEquals("free", bulkhead.call(() -> "free"));
        } finally {
            assertTrue(Thread.interrupted());
        }
        CountDownLatch entered = new CountDownLatch(1);
        Future<String> running = holdInside(bulkhead, entered);
        assertTrue(entered.await(10, TimeUnit.SECONDS));

        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedException.class, () -> bulkhead.call(() -> "never"));
        } finally {
            assertTrue(Thread.interrupted());
        }
        assertEquals(0, bulkhead.queued());
        assertEquals(0, timer.pending());
        finish.countDown();
        assertEquals("held", get(running));
    }

    @Test
    void waitsOnTheRealTimerForMaxWaitThenRejects() throws Exception {
        ThreadTimer realTimer = new ThreadTimer("bulkhead-test-timer", Runnable::run);
        try {
            long maxWait = Duration.ofMillis(50).toNanos();
            BulkheadStrategy<String> bulkhead = new BulkheadStrategy<>(Invocation::proceed, METHOD,
                    new BulkheadPolicy(1, 0, maxWait), realTimer, listener);
            CountDownLatch entered = new CountDownLatch(1);
            Future<String> running = holdInside(bulkhead, entered);
            assertTrue(entered.await(10, TimeUnit.SECONDS));

            long start = System.nanoTime();
            assertThrows(BulkheadFullException.class, () -> bulkhead.call(() -> "never"));
            long waited = System.nanoTime() - start;

            assertTrue(waited >= maxWait, "waited " + waited + " ns");
            assertTrue(waited < Duration.ofSeconds(5).toNanos(), "waited " + waited + " ns");
            finish.countDown();
            assertEquals("held", get(running));
            assertEquals(0, bulkhead.running());
            assertEquals(0, bulkhead.queued());
        } finally {
            realTimer.shutdown();
        }
    }

    @Test
    void neverRunsMoreThanValueBodiesUnderTwiceAsManyCallersAndLosesNoCall() throws Exception {
        int value = 4;
        int callersCount = 2 * value;
        int callsEach = 3_000;
        BulkheadStrategy<String> bulkhead = bulkhead(value, 0);
        Concurrency concurrency = new Concurrency();
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(callersCount);
        List<Future<?>> all = new ArrayList<>();
        for (int c = 0; c < callersCount; c++) {
            all.add(callers.submit(() -> {
                start.await();
                for (int i = 0; i < callsEach; i++) {
                    try {
                        bulkhead.call(() -> {
                            admitted.incrementAndGet();
                            concurrency.inside();
                            return "ok";
                        });
                    } catch (BulkheadFullException e) {
                        rejected.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get(60, TimeUnit.SECONDS);
        }

        assertTrue(concurrency.max() <= value, "max concurrent bodies " + concurrency.max());
        assertEquals(callersCount * callsEach, admitted.get() + rejected.get());
        assertEquals(rejected.get(), listener.count());
        assertEquals(0, bulkhead.running());
        assertEquals(0, bulkhead.queued());
    }

    @Test
    void neverRunsMoreThanValueBodiesWhileCallersWaitAndEveryWaiterGetsIn() throws Exception {
        ThreadTimer realTimer = new ThreadTimer("bulkhead-test-timer", Runnable::run);
        try {
            int value = 3;
            int callersCount = 2 * value;
            int callsEach = 1_000;
            BulkheadStrategy<String> bulkhead = new BulkheadStrategy<>(Invocation::proceed, METHOD,
                    new BulkheadPolicy(value, 0, Duration.ofMinutes(1).toNanos()), realTimer, listener);
            Concurrency concurrency = new Concurrency();
            AtomicInteger admitted = new AtomicInteger();
            CyclicBarrier start = new CyclicBarrier(callersCount);
            List<Future<?>> all = new ArrayList<>();
            for (int c = 0; c < callersCount; c++) {
                all.add(callers.submit(() -> {
                    start.await();
                    for (int i = 0; i < callsEach; i++) {
                        bulkhead.call(() -> {
                            admitted.incrementAndGet();
                            concurrency.inside();
                            return "ok";
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get(60, TimeUnit.SECONDS);
            }

            assertTrue(concurrency.max() <= value, "max concurrent bodies " + concurrency.max());
            assertEquals(callersCount * callsEach, admitted.get());
            assertEquals(0, listener.count());
            assertEquals(0, bulkhead.running());
            assertEquals(0, bulkhead.queued());
            assertEquals(0, realTimer.pending(), "every deadline was cancelled");
        } finally {
            realTimer.shutdown();
        }
    }

    /** Counts bodies running at once and keeps the maximum. */
    static final class Concurrency {

        private final AtomicInteger now = new AtomicInteger();
        private final AtomicInteger max = new AtomicInteger();

        /** Called inside a body: counts it in, lingers a moment so that others overlap, counts it out. */
        void inside() {
            int n = now.incrementAndGet();
            max.accumulateAndGet(n, Math::max);
            for (int i = 0; i < 20; i++) {
                Thread.onSpinWait();
            }
            Thread.yield();
            now.decrementAndGet();
        }

        int max() {
            return max.get();
        }
    }
}
