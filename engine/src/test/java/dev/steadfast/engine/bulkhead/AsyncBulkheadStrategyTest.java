package dev.steadfast.engine.bulkhead;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.CallRejected;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Settles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.steadfast.engine.bulkhead.Support.METHOD;
import static dev.steadfast.engine.bulkhead.Support.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AsyncBulkheadStrategyTest {

    private final Support.Rejections listener = new Support.Rejections();
    private final ManualExecutor executor = new ManualExecutor();
    private final List<ExecutorService> pools = new ArrayList<>();

    @AfterEach
    void stopPools() throws InterruptedException {
        for (ExecutorService pool : pools) {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    private AsyncBulkheadStrategy<String> bulkhead(int value, int queue, Executor startQueued) {
        return new AsyncBulkheadStrategy<>(Invocation::proceed, METHOD, new BulkheadPolicy(value, queue, 0),
                startQueued, listener);
    }

    private ExecutorService pool(int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        pools.add(pool);
        return pool;
    }

    /** A call whose inner stage the test completes; records whether (and in which order) it was invoked. */
    private static final class Held implements Invocation<CompletionStage<String>> {

        final String name;
        final List<String> log;
        final CompletableFuture<String> stage = new CompletableFuture<>();
        volatile boolean invoked;

        Held(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        @Override
        public CompletionStage<String> proceed() {
            invoked = true;
            log.add(name);
            return stage;
        }

        void finish() {
            stage.complete(name);
        }
    }

    private static Throwable failure(CompletionStage<?> stage) {
        CompletionException e = assertThrows(CompletionException.class, () -> stage.toCompletableFuture().join());
        return e.getCause();
    }

    @Test
    void startsUpToValueCallsQueuesUpToWaitingTaskQueueAndFailsTheRestWithoutThrowing() {
        AsyncBulkheadStrategy<String> bulkhead = bulkhead(2, 3, executor);
        List<String> log = new CopyOnWriteArrayList<>();
        List<Held> calls = new ArrayList<>();
        List<CompletionStage<String>> results = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Held call = new Held("c" + i, log);
            calls.add(call);
            results.add(bulkhead.call(call));
        }

        assertEquals(List.of("c0", "c1"), log);
        assertEquals(2, bulkhead.running());
        assertEquals(3, bulkhead.queued());
        for (int i = 0; i < 5; i++) {
            assertFalse(results.get(i).toCompletableFuture().isDone());
        }
        for (int i = 5; i < 7; i++) {
            BulkheadFullException e = assertInstanceOf(BulkheadFullException.class, failure(results.get(i)));
            assertEquals(METHOD, e.getMethod());
            assertEquals(2, e.getMaxConcurrentCalls());
            assertEquals(3, e.getWaitingTaskQueue());
            assertFalse(calls.get(i).invoked);
        }
        assertEquals(List.of(new CallRejected(METHOD, CallRejected.Reason.BULKHEAD_FULL),
                new CallRejected(METHOD, CallRejected.Reason.BULKHEAD_FULL)), listener.events);
    }

    @Test
    void queuedCallStartsOnTheExecutorWhenARunningCallCompletes() {
        AsyncBulkheadStrategy<String> bulkhead = bulkhead(1, 1, executor);
        List<String> log = new CopyOnWriteArrayList<>();
        Held a = new Held("a", log);
        Held b = new Held("b", log);
        CompletionStage<String> ra = bulkhead.call(a);
        CompletionStage<String> rb = bulkhead.call(b);
        assertEquals(1, bulkhead.queued());

        a.finish();

        assertEquals("a", ra.toCompletableFuture().join());
        assertFalse(b.invoked, "not on the thread that completed a");
        assertEquals(1, executor.pending());
        assertEquals(1, bulkhead.running(), "the permit went straight to b");
        assertEquals(0, bulkhead.queued());

        executor.runAll();

        assertTrue(b.invoked);
        assertFalse(rb.toCompletableFuture().isDone());
        b.finish();
        assertEquals("b", rb.toCompletableFuture().join());
        assertEquals(0, bulkhead.running());
    }

    @Test
    void queuedCallsStartInArrivalOrder() {
        AsyncBulkheadStrategy<String> bulkhead = bulkhead(1, 3, executor);
        List<String> log = new CopyOnWriteArrayList<>();
        List<Held> calls = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "d")) {
            Held call = new Held(name, log);
            calls.add(call);
            bulkhead.call(call);
        }

        for (Held call : calls) {
            call.finish();
            executor.runAll();
        }

        assertEquals(List.of("a", "b", "c", "d"), log);
        assertEquals(0, bulkhead.running());
        assertEquals(0, bulkhead.queued());
    }

    @Test
    void cancellingAQueuedCallTakesItOutOfTheQueueAndItNeverRuns() {
        AsyncBulkheadStrategy<String> bulkhead = bulkhead(1, 1, executor);
        List<String> log = new CopyOnWriteArrayList<>();
        Held a = new Held("a", log);
        Held b = new Held("b", log);
        Held c = new Held("c", log);
        bulkhead.call(a);
        CompletionStage<String> rb = bulkhead.call(b);

        assertTrue(rb.toCompletableFuture().cancel(true));

        assertEquals(0, bulkhead.queued());
        CompletionStage<String> rc = bulkhead.call(c);
        assertEquals(1, bulkhead.queued(), "the cancelled call's place went to c");
        a.finish();
        executor.runAll();
        c.finish();
        assertEquals("c", rc.toCompletableFuture().join());
        assertFalse(b.invoked);
        assertEquals(List.of("a", "c"), log);
        assertEquals(0, bulkhead.running());
    }

    @Test
    void queuedCallCancelledAfterItWasGrantedAPermitIsSkippedAndPassesThePermitOn() {
        AsyncBulkheadStrategy<String> bulkhead = bulkhead(1, 2, executor);
        List<String> log = new CopyOnWriteArrayList<>();
        Held a = new Held("a", log);
        Held b = new Held("b", log);
        Held c = new Held("c", log);
        bulkhead.call(a);
        CompletionStage<String> rb = bulkhead.call(b);
        CompletionStage<String> rc = bulkhead.call(c);
        a.finish(); // the permit moves to b, whose start waits on the executor
        assertEquals(1, executor.pending());

        rb.toCompletableFuture().cancel(true);
        executor.runAll();

        assertFalse(b.invoked);
        assertTrue(c.invoked);
        assertEquals(1, bulkhead.running());
        c.finish();
        assertEquals("c", rc.toCompletableFuture().join());
        assertEquals(0, bulkhead.running());
        assertEquals(0, bulkhead.queued());
    }

    @Test
    void completingAQueuedCallFromOutsideAlsoGivesUpItsPlace() {
        AsyncBulkheadStrategy<String> bulkhead = bulkhead(1, 1, executor);
        List<String> log = new CopyOnWriteArrayList<>();
        Held a = new Held("a", log);
        Held b = new Held("b", log);
        bulkhead.call(a);
        CompletionStage<String> rb = bulkhead.call(b);

        rb.toCompletableFuture().completeExceptionally(new IOException("gave up")); // as orTimeout() does

        assertEquals(0, bulkhead.queued());
        a.finish();
        executor.runAll();
        assertFalse(b.invoked);
        assertEquals(0, bulkhead.running());
    }

    @Test
    void releasesThePermitWhenTheStageFailsTheInnerStrategyThrowsOrReturnsNull() {
        AsyncBulkheadStrategy<String> bulkhead = bulkhead(1, 0, executor);
        IOException down = new IOException("down");
        IllegalStateException broken = new IllegalStateException("broken");

        CompletionStage<String> failed = bulkhead.call(() -> CompletableFuture.failedFuture(down));
        CompletionStage<String> threw = bulkhead.call(() -> {
            throw broken;
        });
        CompletionStage<String> none = bulkhead.call(() -> null);

        assertSame(down, failure(failed));
        assertSame(broken, failure(threw));
        assertNull(none.toCompletableFuture().join());
        assertEquals(0, bulkhead.running());
        assertEquals(0, listener.count());
    }

    @Test
    void cancellingARunningCallLeavesAStageItCannotStopToEndOnItsOwnAndKeepsThePermitUntilThen() {
        AsyncBulkheadStrategy<String> bulkhead = bulkhead(1, 0, executor);
        Held a = new Held("a", new CopyOnWriteArrayList<>());
        CompletionStage<String> ra = bulkhead.call(a);

        ra.toCompletableFuture().cancel(true);

        assertInstanceOf(CancellationException.class,
                assertThrows(CancellationException.class, () -> ra.toCompletableFuture().join()));
        assertFalse(a.stage.isDone(), "cancelling the stage would not stop the work behind it, only hide its end");
        assertEquals(1, bulkhead.running(), "the work is still in flight");
        assertInstanceOf(BulkheadFullException.class, assertThrows(CompletionException.class,
                () -> bulkhead.call(() -> CompletableFuture.completedFuture("too soon")).toCompletableFuture()
                        .join()).getCause());

        a.stage.complete("a");

        assertEquals(0, bulkhead.running());
        assertEquals("next", bulkhead.call(() -> CompletableFuture.completedFuture("next"))
                .toCompletableFuture().join());
    }

    @Test
    void theCallerHearsTheOutcomeOnlyOnceTheWorkHasSettledAndThePermitIsFree() {
        AsyncBulkheadStrategy<String> bulkhead = bulkhead(1, 0, executor);
        Lingering work = new Lingering();
        CompletableFuture<String> first = bulkhead.call(() -> work).toCompletableFuture();
        List<Integer> runningWhenTold = new CopyOnWriteArrayList<>();
        first.whenComplete((v, e) -> runningWhenTold.add(bulkhead.running()));

        work.complete("done"); // the stage completed, but the body has not left its thread yet
        assertFalse(first.isDone(), "not told before the work has settled");

        work.settled.complete(null);

        assertEquals("done", first.join());
        assertEquals(List.of(0), runningWhenTold, "the permit was free when the caller heard the outcome");
    }

    /** An inner stage whose work goes on after the stage is cancelled, as an offloaded body that ignores interrupts. */
    private static final class Lingering extends CompletableFuture<String> implements Settles {

        final CompletableFuture<Void> settled = new CompletableFuture<>();

        @Override
        public CompletionStage<Void> settled() {
            return settled;
        }
    }

    @Test
    void aCancelledCallWhoseWorkGoesOnKeepsItsPermitUntilTheWorkSettles() {
        AsyncBulkheadStrategy<String> bulkhead = bulkhead(1, 0, executor);
        Lingering work = new Lingering();
        CompletionStage<String> first = bulkhead.call(() -> work);

        first.toCompletableFuture().cancel(true);

        assertTrue(work.isCancelled(), "the cancellation reaches the work");
        assertEquals(1, bulkhead.running(), "the work goes on, so it keeps its permit");
        CompletionStage<String> second = bulkhead.call(() -> CompletableFuture.completedFuture("second"));
        assertInstanceOf(BulkheadFullException.class, assertThrows(CompletionException.class,
                () -> second.toCompletableFuture().join()).getCause());

        work.settled.complete(null);

        assertEquals(0, bulkhead.running());
        assertEquals("third", bulkhead.call(() -> CompletableFuture.completedFuture("third"))
                .toCompletableFuture().join());
    }

    @Test
    void anExecutorThatRejectsFailsTheQueuedCallAndThePermitPassesOn() {
        AtomicBoolean rejectOnce = new AtomicBoolean(true);
        RejectedExecutionException full = new RejectedExecutionException("full");
        Executor flaky = task -> {
            if (rejectOnce.getAndSet(false)) {
                throw full;
            }
            task.run();
        };
        AsyncBulkheadStrategy<String> bulkhead = bulkhead(1, 2, flaky);
        List<String> log = new CopyOnWriteArrayList<>();
        Held a = new Held("a", log);
        Held b = new Held("b", log);
        Held c = new Held("c", log);
        bulkhead.call(a);
        CompletionStage<String> rb = bulkhead.call(b);
        CompletionStage<String> rc = bulkhead.call(c);

        a.finish();

        assertSame(full, failure(rb));
        assertFalse(b.invoked);
        assertTrue(c.invoked);
        c.finish();
        assertEquals("c", rc.toCompletableFuture().join());
        assertEquals(0, bulkhead.running());
        assertEquals(0, bulkhead.queued());
    }

    @Test
    void aLongChainOfSynchronouslyCompletingQueuedCallsRunsInAConstantStack() {
        int chain = 20_000;
        AsyncBulkheadStrategy<String> bulkhead = bulkhead(1, chain, Runnable::run); // start on the releasing thread
        CompletableFuture<String> gate = new CompletableFuture<>();
        bulkhead.call(() -> gate);
        AtomicInteger deepest = new AtomicInteger();
        List<CompletionStage<String>> results = new ArrayList<>();
        for (int i = 0; i < chain; i++) {
            String value = "v" + i;
            results.add(bulkhead.call(() -> {
                deepest.accumulateAndGet(stackDepth(), Math::max);
                return CompletableFuture.completedFuture(value);
            }));
        }
        assertEquals(chain, bulkhead.queued());
        int base = stackDepth();

        gate.complete("gate");

        for (int i = 0; i < chain; i++) {
            assertEquals("v" + i, results.get(i).toCompletableFuture().join());
        }
        assertTrue(deepest.get() - base < 60, "stack grew from " + base + " to " + deepest.get() + " frames");
        assertEquals(0, bulkhead.running());
        assertEquals(0, bulkhead.queued());
    }

    @Test
    void exactlyValueRunAndQueueWaitUnderConcurrentCallersAndTheRestAreRejected() throws Exception {
        int value = 4;
        int queue = 4;
        int callers = 32;
        AsyncBulkheadStrategy<String> bulkhead = bulkhead(value, queue, executor);
        ExecutorService threads = pool(callers);
        List<String> log = new CopyOnWriteArrayList<>();
        List<Held> calls = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            calls.add(new Held("c" + i, log));
        }
        CyclicBarrier start = new CyclicBarrier(callers);
        List<Future<CompletionStage<String>>> submitted = new ArrayList<>();
        for (Held call : calls) {
            submitted.add(threads.submit(() -> {
                start.await();
                return bulkhead.call(call);
            }));
        }
        List<CompletionStage<String>> results = new ArrayList<>();
        for (Future<CompletionStage<String>> f : submitted) {
            results.add(f.get(10, TimeUnit.SECONDS));
        }

        long rejected = results.stream().filter(r -> r.toCompletableFuture().isCompletedExceptionally()).count();
        assertEquals(value, log.size(), "started");
        assertEquals(value, bulkhead.running());
        assertEquals(queue, bulkhead.queued());
        assertEquals(callers - value - queue, rejected);
        assertEquals(rejected, listener.count());

        for (int round = 0; round < 2; round++) {
            for (Held call : calls) {
                if (call.invoked) {
                    call.finish();
                }
            }
            executor.runAll();
        }

        assertEquals(value + queue, log.size(), "the queued calls ran after the first ones");
        long succeeded = results.stream().filter(r -> r.toCompletableFuture().isDone()
                && !r.toCompletableFuture().isCompletedExceptionally()).count();
        assertEquals(value + queue, succeeded);
        assertEquals(0, bulkhead.running());
        assertEquals(0, bulkhead.queued());
    }

    @Test
    void neverMoreThanValueRunningAndEveryCallEndsUnderConcurrentCallsCompletionsAndCancellations()
            throws Exception {
        int value = 4;
        int queue = 8;
        int callers = 8;
        int callsEach = 400;
        AsyncBulkheadStrategy<String> bulkhead = bulkhead(value, queue, pool(4));
        ExecutorService threads = pool(callers);
        ExecutorService completers = pool(4);
        AtomicInteger runningBodies = new AtomicInteger();
        AtomicInteger maxBodies = new AtomicInteger();
        ConcurrentLinkedQueue<CompletionStage<String>> results = new ConcurrentLinkedQueue<>();
        CyclicBarrier start = new CyclicBarrier(callers);
        List<Future<?>> submitted = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            submitted.add(threads.submit(() -> {
                start.await();
                for (int i = 0; i < callsEach; i++) {
                    CompletionStage<String> r = bulkhead.call(() -> {
                        maxBodies.accumulateAndGet(runningBodies.incrementAndGet(), Math::max);
                        CompletableFuture<String> body = new CompletableFuture<>();
                        completers.execute(() -> {
                            Thread.yield();
                            runningBodies.decrementAndGet();
                            body.complete("ok");
                        });
                        // Not cancellable from outside, so a body counts as running until it really ends.
                        return body.minimalCompletionStage();
                    });
                    if (ThreadLocalRandom.current().nextInt(10) == 0) {
                        r.toCompletableFuture().cancel(true);
                    }
                    results.add(r);
                }
                return null;
            }));
        }
        for (Future<?> f : submitted) {
            f.get(60, TimeUnit.SECONDS);
        }
        int succeeded = 0;
        int rejected = 0;
        int cancelled = 0;
        for (CompletionStage<String> r : results) {
            CompletableFuture<String> f = r.toCompletableFuture();
            try {
                f.get(30, TimeUnit.SECONDS);
                succeeded++;
            } catch (CancellationException e) {
                cancelled++;
            } catch (ExecutionException e) {
                assertInstanceOf(BulkheadFullException.class, e.getCause());
                rejected++;
            }
        }

        assertTrue(maxBodies.get() <= value, "max running bodies " + maxBodies.get());
        assertEquals(callers * callsEach, succeeded + rejected + cancelled);
        assertEquals(rejected, listener.count());
        await("every permit is back", () -> bulkhead.running() == 0 && bulkhead.queued() == 0);
    }

    private static int stackDepth() {
        return StackWalker.getInstance().walk(frames -> (int) frames.count());
    }

    /** Runs tasks only when the test says so. */
    private static final class ManualExecutor implements Executor {

        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public synchronized void execute(Runnable task) {
            tasks.add(task);
        }

        synchronized int pending() {
            return tasks.size();
        }

        void runAll() {
            while (true) {
                Runnable task;
                synchronized (this) {
                    task = tasks.poll();
                }
                if (task == null) {
                    return;
                }
                task.run();
            }
        }
    }
}
