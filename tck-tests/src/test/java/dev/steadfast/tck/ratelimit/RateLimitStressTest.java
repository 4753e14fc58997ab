package dev.steadfast.tck.ratelimit;

import dev.steadfast.RateLimitExceededException;
import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Concurrent callers hammer a limit of 5 per 200 ms for about five windows. Whatever the interleaving, no window
 * admits more than 5, and every call is either admitted or rejected with {@link RateLimitExceededException}.
 *
 * <p>The limiter reads the clock somewhere between the caller's reading before the call and the body's own reading,
 * so each admission is known to lie in that interval; the checks below only count what those intervals prove, and so
 * cannot fail on a correct limiter however the threads are scheduled.
 */
@EnableWeld
class RateLimitStressTest {

    private static final int LIMIT = 5;
    private static final long WINDOW = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int THREADS = 4;
    private static final long RUN = TimeUnit.MILLISECONDS.toNanos(1000);

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.withRequestScope(FivePer200Millis.class);

    @Inject
    FivePer200Millis bean;

    /** One call: when it started and ended; when its body ran (admitted) or its retry-after (rejected). */
    record Attempt(long before, long after, long body, long retryAfter) {

        boolean admitted() {
            return retryAfter < 0;
        }
    }

    @Test
    void fixedWindowsNeverAdmitMoreThanValueAndEveryCallIsAdmittedOrRejected() throws Exception {
        Outcome outcome = hammer(bean::fixed);

        outcome.assertEveryCallAdmittedOrRejected();
        // A FIXED rejection's retry-after points at the start of the next window: that fixes where windows begin.
        long[] boundary = windowBoundary(outcome.rejected());
        Map<Long, Integer> perWindow = new TreeMap<>();
        int unplaced = 0;
        for (Attempt a : outcome.admitted()) {
            long first = Math.floorDiv(a.before() - boundary[1], WINDOW);
            long last = Math.floorDiv(a.body() - boundary[0], WINDOW);
            if (first == last) {
                perWindow.merge(first, 1, Integer::sum);
            } else {
                unplaced++; // admitted too close to a window's start to say which side
            }
        }
        for (Map.Entry<Long, Integer> w : perWindow.entrySet()) {
            assertTrue(w.getValue() <= LIMIT, "window " + w.getKey() + " admitted " + w.getValue() + " calls: "
                    + perWindow + " (" + unplaced + " unplaced)");
        }
        assertTrue(perWindow.size() >= 3, "the run should cover several windows: " + perWindow);
    }

    @Test
    void rollingWindowNeverAdmitsMoreThanValueInAnyWindowLongSpanAndEveryCallIsAdmittedOrRejected()
            throws Exception {
        Outcome outcome = hammer(bean::rolling);

        outcome.assertEveryCallAdmittedOrRejected();
        List<Attempt> admitted = new ArrayList<>(outcome.admitted());
        admitted.sort(Comparator.comparingLong(Attempt::before));
        // Any LIMIT + 1 admissions must be at least a window apart: the latest of them was admitted no later than its
        // body ran, the earliest no earlier than its caller started.
        for (int i = 0; i + LIMIT < admitted.size(); i++) {
            long latest = Long.MIN_VALUE;
            for (int j = i; j <= i + LIMIT; j++) {
                latest = Math.max(latest, admitted.get(j).body());
            }
            long span = latest - admitted.get(i).before();
            assertTrue(span >= WINDOW, (LIMIT + 1) + " admissions within " + Duration.ofNanos(span)
                    + ", less than the window of " + Duration.ofNanos(WINDOW));
        }
    }

    /** Where windows start: {lo, hi}, a range that holds one window boundary. */
    private static long[] windowBoundary(List<Attempt> rejected) {
        Attempt ref = rejected.get(0);
        long lo = ref.before() + ref.retryAfter();
        long hi = ref.after() + ref.retryAfter();
        for (Attempt r : rejected) {
            long rLo = r.before() + r.retryAfter();
            long rHi = r.after() + r.retryAfter();
            long shift = Math.round((double) (rLo - lo) / WINDOW) * WINDOW;
            lo = Math.max(lo, rLo - shift);
            hi = Math.min(hi, rHi - shift);
            assertTrue(lo <= hi, "retry-after values of FIXED rejections should all point at window boundaries, but "
                    + r + " disagrees with the others");
        }
        return new long[] {lo, hi};
    }

    record Outcome(int attempted, List<Attempt> admitted, List<Attempt> rejected, List<Throwable> unexpected) {

        void assertEveryCallAdmittedOrRejected() {
            assertTrue(unexpected.isEmpty(), () -> "unexpected failures: " + unexpected);
            assertEquals(attempted, admitted.size() + rejected.size(), "admitted + rejected == attempted");
            assertTrue(admitted.size() >= 2 * LIMIT, "windows should renew their budget: " + admitted.size()
                    + " admitted");
            assertFalse(rejected.isEmpty(), "the callers never hit the limit: the test did not stress it");
            for (Attempt r : rejected) {
                assertTrue(r.retryAfter() > 0 && r.retryAfter() <= WINDOW, "retry-after "
                        + Duration.ofNanos(r.retryAfter()) + " should be within (0, window]");
            }
        }
    }

    /** THREADS callers call {@code call} from the same moment for RUN, a little apart, and record every attempt. */
    private static Outcome hammer(LongSupplier call) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        Queue<List<Attempt>> perThread = new ConcurrentLinkedQueue<>();
        Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Thread t = new Thread(() -> {
                List<Attempt> attempts = new ArrayList<>();
                perThread.add(attempts);
                try {
                    start.await(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    unexpected.add(e);
                    return;
                }
                long end = System.nanoTime() + RUN;
                while (System.nanoTime() - end < 0) {
                    long before = System.nanoTime();
                    try {
                        long body = call.getAsLong();
                        attempts.add(new Attempt(before, System.nanoTime(), body, -1));
                    } catch (RateLimitExceededException e) {
                        attempts.add(new Attempt(before, System.nanoTime(), -1, e.getRetryAfter().toNanos()));
                    } catch (Throwable t2) {
                        unexpected.add(t2);
                    }
                    LockSupport.parkNanos(100_000); // pacing only: keeps the record small
                }
            }, "rate-limit-stress-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(t.isAlive(), t.getName() + " did not finish in time");
        }
        List<Attempt> admitted = new ArrayList<>();
        List<Attempt> rejected = new ArrayList<>();
        int attempted = 0;
        for (List<Attempt> attempts : perThread) {
            attempted += attempts.size();
            for (Attempt a : attempts) {
                (a.admitted() ? admitted : rejected).add(a);
            }
        }
        return new Outcome(attempted, admitted, rejected, new ArrayList<>(unexpected));
    }
}
