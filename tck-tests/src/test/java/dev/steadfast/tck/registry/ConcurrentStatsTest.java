package dev.steadfast.tck.registry;

import dev.steadfast.CircuitBreakerStats;
import dev.steadfast.CircuitBreakers;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many threads through one breaker that keeps opening and closing: its counters still account for every call exactly
 * once (total = successful + failed + rejected: {@code docs/operations.md}).
 */
@EnableWeld
class ConcurrentStatsTest {

    private static final int THREADS = 4;
    private static final int CALLS_EACH = 500;

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.withRequestScope(Stockroom.class);

    @Inject
    Stockroom stockroom;

    @Inject
    CircuitBreakers breakers;

    @Test
    void statsEqualTheCallsMadeByManyThreadsAtOnce() throws Exception {
        AtomicLong successes = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong rejections = new AtomicLong();
        Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await(5, TimeUnit.SECONDS);
                    for (int i = 0; i < CALLS_EACH; i++) {
                        try {
                            stockroom.take(i);
                            successes.incrementAndGet();
                        } catch (IOException e) {
                            failures.incrementAndGet();
                        } catch (CircuitOpenException e) {
                            rejections.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    unexpected.add(e);
                }
            }, "caller-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(20));
            assertFalse(thread.isAlive(), thread.getName() + " did not finish");
        }

        assertTrue(unexpected.isEmpty(), "unexpected: " + unexpected);
        CircuitBreakerStats stats = breakers.get(Stockroom.class.getName() + "#take").stats();
        long calls = (long) THREADS * CALLS_EACH;
        assertEquals(calls, successes.get() + failures.get() + rejections.get());
        assertEquals(calls, stats.totalCalls(), stats.toString());
        assertEquals(stats.totalCalls(), stats.successfulCalls() + stats.failedCalls() + stats.rejectedCalls());
        assertEquals(successes.get(), stats.successfulCalls(), stats.toString());
        assertEquals(failures.get(), stats.failedCalls(), stats.toString());
        assertEquals(rejections.get(), stats.rejectedCalls(), stats.toString());
        assertEquals(stockroom.invocations(), stats.successfulCalls() + stats.failedCalls(),
                "every call that ran was counted as a success or a failure");
        assertTrue(stats.stateChanges() >= 1, "the first full window held at least half failures: " + stats);
    }
}
