package dev.steadfast.engine.ratelimit;

import dev.steadfast.RateLimitType;
import dev.steadfast.engine.time.ManualClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Many threads race for permits while they step a shared {@link ManualClock}; every admission is recorded with the
 * reading it was decided on, and the invariants of each type are checked exactly on those readings.
 */
class RateLimiterStressTest {

    private static final int THREADS = 4;
    private static final int ATTEMPTS_EACH = 20_000;
    private static final int[] LIMITS = {1, 5};
    private static final long WINDOW = 1_000;
    private static final long STEP = WINDOW / 8;

    @ParameterizedTest
    @EnumSource(RateLimitType.class)
    void neverAdmitsMoreThanTheTypeAllowsWhileThreadsRaceAndTheClockSteps(RateLimitType type) throws Exception {
        for (int limit : LIMITS) {
            Outcome outcome = race(new RateLimitPolicy(limit, WINDOW, 0, type));

            assertEquals((long) THREADS * ATTEMPTS_EACH, outcome.admitted.length + outcome.rejected);
            assertTrue(outcome.admitted.length >= limit, "admitted " + outcome.admitted.length);
            assertInvariants(type, limit, outcome);
        }
    }

    @ParameterizedTest
    @EnumSource(RateLimitType.class)
    void keepsEveryTwoAdmissionsMinSpacingApartUnderContention(RateLimitType type) throws Exception {
        long spacing = 150;
        for (int limit : LIMITS) {
            Outcome outcome = race(new RateLimitPolicy(limit, WINDOW, spacing, type));

            assertEquals((long) THREADS * ATTEMPTS_EACH, outcome.admitted.length + outcome.rejected);
            assertTrue(outcome.admitted.length >= limit, "admitted " + outcome.admitted.length);
            for (int i = 1; i < outcome.admitted.length; i++) {
                long gap = outcome.admitted[i] - outcome.admitted[i - 1];
                if (gap < spacing) {
                    fail("admissions at " + outcome.admitted[i - 1] + " and " + outcome.admitted[i] + " are " + gap
                            + " ns apart");
                }
            }
            assertInvariants(type, limit, outcome);
        }
    }

    private static void assertInvariants(RateLimitType type, int limit, Outcome outcome) {
        switch (type) {
            // A FIXED admission counts in the window it happened in, which for a thread that lost a race to a later
            // reading is later than its own reading: judged on [reading, reading after admission].
            case FIXED -> RateLimitStrategyTest.assertFitsTheWindows(outcome.intervals, WINDOW, limit);
            case ROLLING -> assertAtMostPerSpan(outcome.admitted, limit);
            case SMOOTH -> assertConformsToTheBucket(outcome.admitted, limit);
        }
    }

    /** In every span [t, t + WINDOW) at most {@code max} admissions. */
    private static void assertAtMostPerSpan(long[] admitted, int max) {
        int j = 0;
        for (int i = 0; i < admitted.length; i++) {
            if (j < i) {
                j = i;
            }
            while (j + 1 < admitted.length && admitted[j + 1] - admitted[i] < WINDOW) {
                j++;
            }
            int n = j - i + 1;
            if (n > max) {
                fail(n + " admissions in [" + admitted[i] + ", " + (admitted[i] + WINDOW) + ")");
            }
        }
    }

    /** A full bucket plus one permit per interval: between any two admissions, at most limit + elapsed / interval. */
    private static void assertConformsToTheBucket(long[] admitted, int limit) {
        long interval = WINDOW / limit;
        for (int i = 0; i < admitted.length; i++) {
            for (int j = i + 1; j < admitted.length; j++) {
                long allowed = limit + (admitted[j] - admitted[i]) / interval;
                if (j - i + 1 > allowed) {
                    fail((j - i + 1) + " admissions in [" + admitted[i] + ", " + admitted[j] + "], at most "
                            + allowed);
                }
                if (admitted[j] - admitted[i] > 2 * WINDOW) {
                    break; // a later j only allows more
                }
            }
        }
        assertAtMostPerSpan(admitted, 2 * limit - 1);
    }

    private static Outcome race(RateLimitPolicy policy) throws Exception {
        ManualClock clock = new ManualClock();
        RateLimiter limiter = RateLimiter.create(policy, clock.nanoTime());
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<List<long[]>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                results.add(threads.submit(() -> {
                    List<long[]> admitted = new ArrayList<>();
                    start.await();
                    for (int i = 0; i < ATTEMPTS_EACH; i++) {
                        long now = clock.nanoTime();
                        long wait = limiter.tryAcquire(now);
                        if (wait == 0) {
                            admitted.add(new long[] {now, clock.nanoTime()});
                        } else if (wait < 0) {
                            fail("negative wait " + wait);
                        }
                        if (i % 8 == 7) {
                            clock.advanceNanos(STEP);
                        }
                    }
                    return admitted;
                }));
            }
            List<long[]> intervals = new ArrayList<>();
            for (Future<List<long[]>> f : results) {
                intervals.addAll(f.get(60, TimeUnit.SECONDS));
            }
            long[] all = intervals.stream().mapToLong(i -> i[0]).sorted().toArray();
            return new Outcome(all, intervals, (long) THREADS * ATTEMPTS_EACH - all.length);
        } finally {
            threads.shutdownNow();
            assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    /** The readings admitted calls were decided on, sorted; with the reading after each admission; the rest. */
    private record Outcome(long[] admitted, List<long[]> intervals, long rejected) {
    }
}
