package dev.steadfast.engine.ratelimit;

import dev.steadfast.CallRejected;
import dev.steadfast.RateLimitExceededException;
import dev.steadfast.RateLimitType;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.time.Clock;
import dev.steadfast.engine.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitStrategyTest {

    static final String METHOD = "com.acme.Quotes#fetch(String)";

    private final ManualClock clock = new ManualClock();
    private final Rejections listener = new Rejections();

    private RateLimitStrategy<String> strategy(int limit, Duration window, Duration spacing, RateLimitType type) {
        return new RateLimitStrategy<>(Invocation::proceed, METHOD,
                new RateLimitPolicy(limit, window.toNanos(), spacing.toNanos(), type), clock, listener);
    }

    @Test
    void admitsValueCallsPerWindowThenThrowsWithTheExactRetryAfter() throws Exception {
        RateLimitStrategy<String> strategy = strategy(2, Duration.ofSeconds(1), Duration.ZERO, RateLimitType.FIXED);
        assertEquals("a", strategy.call(() -> "a"));
        assertEquals("b", strategy.call(() -> "b"));
        clock.advance(Duration.ofMillis(400));

        AtomicBoolean invoked = new AtomicBoolean();
        RateLimitExceededException e = assertThrows(RateLimitExceededException.class, () -> strategy.call(() -> {
            invoked.set(true);
            return "never";
        }));

        assertFalse(invoked.get());
        assertEquals(METHOD, e.getMethod());
        assertEquals(Duration.ofMillis(600), e.getRetryAfter());
        assertEquals(Optional.of(Duration.ofMillis(600)), e.retryAfter());
        assertEquals(List.of(new CallRejected(METHOD, CallRejected.Reason.RATE_LIMITED)), listener.events);
        clock.advance(Duration.ofMillis(600));
        assertEquals("c", strategy.call(() -> "c"));
    }

    @Test
    void windowsStartWhenTheStrategyIsBuilt() throws Exception {
        clock.advance(Duration.ofMillis(300));
        RateLimitStrategy<String> strategy = strategy(1, Duration.ofSeconds(1), Duration.ZERO, RateLimitType.FIXED);
        clock.advance(Duration.ofMillis(900));
        strategy.call(() -> "in the first window");

        RateLimitExceededException e = assertThrows(RateLimitExceededException.class, () -> strategy.call(() -> "x"));

        assertEquals(Duration.ofMillis(100), e.getRetryAfter());
    }

    @Test
    void aCallThatFailsStillUsedItsPermit() {
        RateLimitStrategy<String> strategy = strategy(1, Duration.ofSeconds(1), Duration.ZERO, RateLimitType.ROLLING);

        assertThrows(IOException.class, () -> strategy.call(() -> {
            throw new IOException("down");
        }));

        assertThrows(RateLimitExceededException.class, () -> strategy.call(() -> "x"));
    }

    @Test
    void rejectsACallTooCloseToThePreviousOneWithTheSpacingLeft() throws Exception {
        RateLimitStrategy<String> strategy = strategy(100, Duration.ofSeconds(1), Duration.ofMillis(50),
                RateLimitType.SMOOTH);
        strategy.call(() -> "first");
        clock.advance(Duration.ofMillis(20));

        RateLimitExceededException e = assertThrows(RateLimitExceededException.class, () -> strategy.call(() -> "x"));

        assertEquals(Duration.ofMillis(30), e.getRetryAfter());
    }

    @Test
    void neverAdmitsMoreThanValuePerWindowThroughTheStrategyWhileThreadsRaceAndTheClockSteps() throws Exception {
        int limit = 3;
        long window = 1_000;
        ReadingClock readings = new ReadingClock(clock);
        RateLimitStrategy<Long> strategy = new RateLimitStrategy<>(Invocation::proceed, METHOD,
                new RateLimitPolicy(limit, window, 0, RateLimitType.FIXED), readings, listener);
        int threads = 4;
        int callsEach = 10_000;
        ConcurrentLinkedQueue<long[]> admitted = new ConcurrentLinkedQueue<>();
        AtomicInteger rejected = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                all.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < callsEach; i++) {
                        try {
                            long decidedAt = strategy.call(readings::lastReading);
                            admitted.add(new long[] {decidedAt, clock.nanoTime()});
                        } catch (RateLimitExceededException e) {
                            rejected.incrementAndGet();
                        }
                        if (i % 4 == 3) {
                            clock.advanceNanos(window / 10);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }

        assertEquals(threads * callsEach, admitted.size() + rejected.get());
        assertEquals(rejected.get(), listener.events.size());
        assertFitsTheWindows(admitted, window, limit);
    }

    /**
     * Each admission happened at some moment between the reading the limiter decided on and a reading taken in the
     * body, after it. Under a clock that other threads step meanwhile, that moment may lie in a later window than the
     * reading (a thread that read the clock, then lost the race to one that read it in the next window, is counted
     * there). The limiter is right if every admission can be placed in a window its interval touches with at most
     * {@code limit} per window: checked exactly by placing them window by window, soonest-ending interval first.
     */
    static void assertFitsTheWindows(Collection<long[]> admissions, long window, int limit) {
        List<long[]> byStart = new ArrayList<>();
        for (long[] a : admissions) {
            byStart.add(new long[] {Math.floorDiv(a[0], window), Math.floorDiv(a[1], window)});
        }
        byStart.sort(Comparator.comparingLong(a -> a[0]));
        PriorityQueue<Long> openEnds = new PriorityQueue<>();
        int next = 0;
        long w = byStart.isEmpty() ? 0 : byStart.get(0)[0];
        while (next < byStart.size() || !openEnds.isEmpty()) {
            if (openEnds.isEmpty() && byStart.get(next)[0] > w) {
                w = byStart.get(next)[0];
            }
            while (next < byStart.size() && byStart.get(next)[0] <= w) {
                openEnds.add(byStart.get(next++)[1]);
            }
            for (int placed = 0; placed < limit && !openEnds.isEmpty(); placed++) {
                long end = openEnds.poll();
                assertTrue(end >= w, "more than " + limit + " admissions had to fall in window " + (w - 1));
            }
            w++;
        }
    }

    /** Remembers, per thread, the last reading it handed out: the one the limiter decided on. */
    static final class ReadingClock implements Clock {

        private final Clock clock;
        private final ThreadLocal<Long> last = new ThreadLocal<>();

        ReadingClock(Clock clock) {
            this.clock = clock;
        }

        @Override
        public long nanoTime() {
            long now = clock.nanoTime();
            last.set(now);
            return now;
        }

        long lastReading() {
            return last.get();
        }

        @Override
        public Instant instant() {
            return clock.instant();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            clock.sleep(nanos);
        }
    }

    static final class Rejections implements EngineListener {

        final List<CallRejected> events = new CopyOnWriteArrayList<>();

        @Override
        public void callRejected(String method, CallRejected.Reason reason) {
            events.add(new CallRejected(method, reason));
        }
    }
}
