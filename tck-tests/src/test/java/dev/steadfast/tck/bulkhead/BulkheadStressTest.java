package dev.steadfast.tck.bulkhead;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many callers against a bulkhead of 4: whatever the interleaving, never more than 4 bodies run at once, and every
 * call is either admitted (and runs) or rejected with {@link BulkheadFullException}, nothing else.
 */
@EnableWeld
class BulkheadStressTest {

    private static final int LIMIT = 4;

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.withRequestScope(FourAtATime.class);

    @Inject
    FourAtATime bean;

    @Test
    void synchronousCallersNeverRunMoreThanValueAtOnceAndEveryCallIsAdmittedOrRejected() throws Exception {
        int threads = 2 * LIMIT;
        int callsEach = 200;
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();

        runTogether(threads, () -> {
            for (int i = 0; i < callsEach; i++) {
                try {
                    bean.work();
                    admitted.incrementAndGet();
                } catch (BulkheadFullException e) {
                    rejected.incrementAndGet();
                } catch (Throwable t) {
                    unexpected.add(t);
                }
            }
        });

        assertTrue(unexpected.isEmpty(), () -> "unexpected failures: " + unexpected);
        assertEquals(threads * callsEach, admitted.get() + rejected.get(), "admitted + rejected == attempted");
        assertEquals(admitted.get(), bean.invocations(), "every admitted call ran the body once, no rejected one did");
        assertTrue(bean.mostRunning() <= LIMIT, "at most " + LIMIT + " at once, saw " + bean.mostRunning());
        assertTrue(rejected.get() > 0, "callers were never turned away: the test did not stress the bulkhead");
    }

    @Test
    void asynchronousCallersNeverRunMoreThanValueAtOnceAndEveryCallIsAdmittedOrRejected() throws Exception {
        int threads = 3 * LIMIT; // more than running + queued can hold
        int callsEach = 100;
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();

        runTogether(threads, () -> {
            for (int i = 0; i < callsEach; i++) {
                try {
                    bean.workAsync().toCompletableFuture().join();
                    admitted.incrementAndGet();
                } catch (CompletionException e) {
                    if (e.getCause() instanceof BulkheadFullException) {
                        rejected.incrementAndGet();
                    } else {
                        unexpected.add(e);
                    }
                } catch (Throwable t) {
                    unexpected.add(t);
                }
            }
        });

        assertTrue(unexpected.isEmpty(), () -> "unexpected failures: " + unexpected);
        assertEquals(threads * callsEach, admitted.get() + rejected.get(), "admitted + rejected == attempted");
        assertEquals(admitted.get(), bean.invocations(), "every admitted call ran the body once, no rejected one did");
        assertTrue(bean.mostRunning() <= LIMIT, "at most " + LIMIT + " at once, saw " + bean.mostRunning());
    }

    /** Starts {@code threads} threads on {@code work} at the same moment and waits (up to 20 s) for all of them. */
    private static void runTogether(int threads, Runnable work) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                work.run();
            }, "stress-" + i);
            t.setDaemon(true);
            t.start();
            started.add(t);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (Thread t : started) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            assertFalse(t.isAlive(), t.getName() + " did not finish in time");
        }
    }
}
