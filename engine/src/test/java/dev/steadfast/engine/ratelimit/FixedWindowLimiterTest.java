package dev.steadfast.engine.ratelimit;

import org.junit.jupiter.api.Test;

import static dev.steadfast.RateLimitType.FIXED;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FixedWindowLimiterTest {

    private static final long ORIGIN = 5_000;

    private static RateLimiter limiter(int limit, long window, long spacing) {
        return RateLimiter.create(new RateLimitPolicy(limit, window, spacing, FIXED), ORIGIN);
    }

    @Test
    void admitsValueCallsInAWindowThenRejectsUntilTheNextWindowStarts() {
        RateLimiter limiter = limiter(3, 1_000, 0);

        assertEquals(0, limiter.tryAcquire(ORIGIN));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 100));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 200));
        assertEquals(800, limiter.tryAcquire(ORIGIN + 200));
        assertEquals(750, limiter.tryAcquire(ORIGIN + 250));
        assertEquals(1, limiter.tryAcquire(ORIGIN + 999));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 1_000));
    }

    @Test
    void windowsFollowEachOtherFromTheOriginWhateverTheFirstCall() {
        RateLimiter limiter = limiter(2, 1_000, 0);

        assertEquals(0, limiter.tryAcquire(ORIGIN + 5_700));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 5_800));
        assertEquals(200, limiter.tryAcquire(ORIGIN + 5_800), "the window is [5000, 6000) after the origin");
        assertEquals(0, limiter.tryAcquire(ORIGIN + 6_000));
    }

    @Test
    void letsAFullBudgetThroughOnEachSideOfAWindowBoundary() {
        RateLimiter limiter = limiter(3, 1_000, 0);

        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.tryAcquire(ORIGIN + 999));
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.tryAcquire(ORIGIN + 1_000));
        }
        assertEquals(1_000, limiter.tryAcquire(ORIGIN + 1_000));
    }

    @Test
    void forgetsEverythingAfterLongIdleness() {
        RateLimiter limiter = limiter(2, 1_000, 0);
        limiter.tryAcquire(ORIGIN);
        limiter.tryAcquire(ORIGIN);

        long later = ORIGIN + 1_000_000_000_000L + 10;
        assertEquals(0, limiter.tryAcquire(later));
        assertEquals(0, limiter.tryAcquire(later));
        assertEquals(990, limiter.tryAcquire(later));
    }

    @Test
    void aReadingFromAnEarlierWindowThanTheLastAdmissionIsRejectedUntilAWindowWithRoom() {
        RateLimiter limiter = limiter(1, 1_000, 0);
        assertEquals(0, limiter.tryAcquire(ORIGIN + 1_500)); // window [1000, 2000) is used up

        // A thread that read the clock at 900 and lost the race: time has moved on to [1000, 2000), which is full;
        // it waits as if it had read the clock at 1000, until the next window.
        assertEquals(1_000, limiter.tryAcquire(ORIGIN + 900));
    }

    @Test
    void keepsCountingAcrossTheWrapOfNanoTime() {
        long origin = Long.MAX_VALUE - 1_500;
        RateLimiter limiter = RateLimiter.create(new RateLimitPolicy(2, 1_000, 0, FIXED), origin);

        assertEquals(0, limiter.tryAcquire(origin + 1_200)); // wrapped to a negative reading
        assertEquals(0, limiter.tryAcquire(origin + 1_300));
        assertEquals(700, limiter.tryAcquire(origin + 1_300));
        assertEquals(0, limiter.tryAcquire(origin + 2_000));
    }

    @Test
    void capsALimitAboveTheWindowLengthAtOnePermitPerNanosecond() {
        RateLimiter limiter = limiter(10, 5, 0);

        for (int i = 0; i < 5; i++) {
            assertEquals(0, limiter.tryAcquire(ORIGIN));
        }
        assertEquals(5, limiter.tryAcquire(ORIGIN));
    }

    @Test
    void keepsAdmissionsMinSpacingApartWithTheExactRetryAfter() {
        RateLimiter limiter = limiter(3, 1_000, 100);

        assertEquals(0, limiter.tryAcquire(ORIGIN));
        assertEquals(50, limiter.tryAcquire(ORIGIN + 50));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 100));
        assertEquals(1, limiter.tryAcquire(ORIGIN + 199));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 200));
        assertEquals(700, limiter.tryAcquire(ORIGIN + 300), "the window is used up");
        assertEquals(0, limiter.tryAcquire(ORIGIN + 1_000));
        assertEquals(40, limiter.tryAcquire(ORIGIN + 1_060), "spacing holds across the boundary");
    }

    @Test
    void waitsForTheLaterOfTheNextWindowAndTheSpacing() {
        RateLimiter limiter = limiter(3, 1_000, 400);
        assertEquals(0, limiter.tryAcquire(ORIGIN));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 400));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 800));

        assertEquals(300, limiter.tryAcquire(ORIGIN + 900));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 1_200));
    }

    @Test
    void aStaleReadingFromTheWindowBeforeCountsInTheCurrentWindow() {
        RateLimiter limiter = limiter(2, 1_000, 0);
        assertEquals(0, limiter.tryAcquire(ORIGIN + 1_000), "a thread that read the clock in the second window");

        assertEquals(0, limiter.tryAcquire(ORIGIN + 999), "one that read it earlier but lost the race: room is left");
        assertEquals(1_000, limiter.tryAcquire(ORIGIN + 998),
                "the current window is full: the wait is until the next one, never more than a window");
        assertEquals(0, limiter.tryAcquire(ORIGIN + 2_000));
    }

    @Test
    void availableCountsThePermitsLeftInTheCurrentWindowWithoutTakingOne() {
        RateLimiter limiter = limiter(3, 1_000, 0);

        assertEquals(3, limiter.available(ORIGIN));
        limiter.tryAcquire(ORIGIN + 100);
        limiter.tryAcquire(ORIGIN + 200);
        assertEquals(1, limiter.available(ORIGIN + 300));
        assertEquals(1, limiter.available(ORIGIN + 300), "reading takes nothing");
        limiter.tryAcquire(ORIGIN + 300);
        assertEquals(0, limiter.available(ORIGIN + 999));
        assertEquals(3, limiter.available(ORIGIN + 1_000), "a new window");
    }

    @Test
    void availableIgnoresSpacing() {
        RateLimiter limiter = limiter(3, 1_000, 500);
        limiter.tryAcquire(ORIGIN);

        assertEquals(2, limiter.available(ORIGIN + 1));
    }
}
