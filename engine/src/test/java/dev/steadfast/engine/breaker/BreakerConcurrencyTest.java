package dev.steadfast.engine.breaker;

import dev.steadfast.CircuitBreakerStats;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.StateTransition;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import static dev.steadfast.CircuitState.CLOSED;
import static dev.steadfast.CircuitState.HALF_OPEN;
import static dev.steadfast.CircuitState.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The breaker under threads racing for it: trial limits, exact counters, ordered events, an allocation-free path. */
class BreakerConcurrencyTest extends Fixture {

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    void admitsExactlyHalfOpenMaxCallsTrialCallsWhenTwiceAsManyThreadsRace() throws Exception {
        int limit = 4;
        Breaker b = breaker(policy(1, 1.0, limit, limit));
        Strategy<String> s = sync(b);
        for (int round = 0; round < 20; round++) {
            b.reset();
            fail(s);
            clock.advance(Duration.ofSeconds(5));
            assertEquals(HALF_OPEN, b.state());

            CyclicBarrier start = new CyclicBarrier(2 * limit);
            CountDownLatch decided = new CountDownLatch(2 * limit); // each thread is either in the body or rejected
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger inBody = new AtomicInteger();
            AtomicInteger rejected = new AtomicInteger();
            Invocation<String> trial = () -> {
                inBody.incrementAndGet();
                decided.countDown();
                assertTrue(release.await(10, TimeUnit.SECONDS));
                return "ok";
            };
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 2 * limit; i++) {
                calls.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        return s.call(trial);
                    } catch (CircuitOpenException e) {
                        assertEquals(HALF_OPEN, e.getState());
                        rejected.incrementAndGet();
                        decided.countDown();
                        return null;
                    }
                }));
            }
            assertTrue(decided.await(10, TimeUnit.SECONDS));
            assertEquals(limit, inBody.get(), "round " + round);
            assertEquals(limit, rejected.get(), "round " + round);
            assertEquals(HALF_OPEN, b.state(), "the trials are still in flight");

            release.countDown();
            for (Future<?> f : calls) {
                f.get(10, TimeUnit.SECONDS);
            }
            assertEquals(CLOSED, b.state(), limit + " trial successes close it");
        }
    }

    @Test
    void statsAreExactAndEventsOrderedAfterAMultiThreadedRun() throws Exception {
        int threads = 4;
        int callsEach = 10_000;
        // A 1 us delay and every call stepping the clock by 100 ns: OPEN lasts about ten calls, so the run flaps
        // through every state, and the timer (run by whichever thread steps the clock past it) races the callers.
        Breaker b = breaker(BreakerPolicy.builder().requestVolumeThreshold(10).failureRatio(0.3)
                .delay(java.time.Duration.ofNanos(1_000)).successThreshold(2).halfOpenMaxCalls(2).build());
        Strategy<String> s = sync(b);
        LongAdder returned = new LongAdder();
        LongAdder failed = new LongAdder();
        LongAdder rejected = new LongAdder();
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<?>> runs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            runs.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                for (int k = 0; k < callsEach; k++) {
                    boolean fails = k % 3 == 0;
                    clock.advanceNanos(100);
                    try {
                        s.call(() -> {
                            bodyRuns.incrementAndGet();
                            if (fails) {
                                throw new IOException("down");
                            }
                            return "ok";
                        });
                        returned.increment();
                    } catch (IOException e) {
                        failed.increment();
                    } catch (CircuitOpenException e) {
                        rejected.increment();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : runs) {
            f.get(30, TimeUnit.SECONDS);
        }

        CircuitBreakerStats stats = b.stats();
        assertEquals(threads * callsEach, stats.totalCalls());
        assertEquals(returned.sum(), stats.successfulCalls());
        assertEquals(failed.sum(), stats.failedCalls());
        assertEquals(rejected.sum(), stats.rejectedCalls());
        assertEquals(bodyRuns.get(), stats.successfulCalls() + stats.failedCalls());
        assertTrue(stats.rejectedCalls() > 0 && stats.stateChanges() > 0, "the run exercised every state: " + stats);

        List<StateTransition> heard = events.transitions;
        assertEquals(stats.stateChanges(), heard.size(), "every change announced exactly once");
        assertEquals(CLOSED, heard.get(0).from());
        for (int i = 1; i < heard.size(); i++) {
            assertEquals(heard.get(i - 1).to(), heard.get(i).from(), "announced in the order they happened, at " + i);
        }
        assertEquals(heard.get(heard.size() - 1).to(), b.state());
        assertEquals(heard.subList(heard.size() - Breaker.HISTORY, heard.size()), b.transitions());
    }

    @Test
    void theWindowCountsExactlyWhenThreadsRaceForItsSlots() throws Exception {
        int size = 100;
        RollingWindow w = new RollingWindow(size, size);
        for (boolean failure : new boolean[] {true, false, true}) {
            CyclicBarrier start = new CyclicBarrier(4);
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    for (int k = 0; k < 10_000; k++) {
                        w.record(failure);
                    }
                    return null;
                }));
            }
            for (Future<?> f : runs) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertTrue(w.filled());
            assertEquals(failure ? size : 0, w.failures());
        }
    }

    @Test
    void theClosedPathAllocatesNothing() throws Exception {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) mx;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        Breaker b = breaker(policy(100, 1.0));
        Strategy<String> s = sync(b);
        Invocation<String> body = () -> "ok";
        IOException failure = new IOException("down");
        long id = Thread.currentThread().getId();
        for (int round = 0; round < 3; round++) { // the first rounds warm up the code paths
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < 100_000; i++) {
                s.call(body);
                long permit = b.tryAcquire();
                b.onFailure(permit, failure, 0);
            }
            long allocated = threads.getThreadAllocatedBytes(id) - before;
            if (round == 2) {
                assertTrue(allocated < 10_000, allocated + " bytes for 200,000 calls");
            }
        }
        assertEquals(CLOSED, b.state(), "half of the window failing never reaches a ratio of 1");
        assertEquals(OPEN, open(b), "and the window still works");
    }

    /** Fails the window full (the window of the allocation test alternates, so it never opened). */
    private static dev.steadfast.CircuitState open(Breaker b) {
        for (int i = 0; i < 100 && b.state() == CLOSED; i++) {
            b.onFailure(b.tryAcquire(), new IOException(), 0);
        }
        return b.state();
    }
}
