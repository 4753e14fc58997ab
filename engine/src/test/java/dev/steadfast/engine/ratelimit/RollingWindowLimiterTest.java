package dev.steadfast.engine.ratelimit;

import org.junit.jupiter.api.Test;

import static dev.steadfast.RateLimitType.ROLLING;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RollingWindowLimiterTest {

    private static final long ORIGIN = -7_000; // nanoTime readings may be negative

    private static RateLimiter limiter(int limit, long window, long spacing) {
        return RateLimiter.create(new RateLimitPolicy(limit, window, spacing, ROLLING), ORIGIN);
    }

    @Test
    void admitsWhenTheValueThAdmissionBeforeIsAWindowOldAndTellsWhenItWillBe() {
        RateLimiter limiter = limiter(3, 1_000, 0);

        assertEquals(0, limiter.tryAcquire(ORIGIN));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 10));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 20));
        assertEquals(970, limiter.tryAcquire(ORIGIN + 30));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 1_000), "the admission at 0 has left the window");
        assertEquals(5, limiter.tryAcquire(ORIGIN + 1_005), "the one at 10 leaves at 1010");
        assertEquals(0, limiter.tryAcquire(ORIGIN + 1_010));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 1_020));
        assertEquals(500, limiter.tryAcquire(ORIGIN + 1_500));
    }

    @Test
    void letsNoBurstThroughAtAWindowBoundary() {
        RateLimiter limiter = limiter(3, 1_000, 0);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.tryAcquire(ORIGIN + 990));
        }

        assertEquals(990, limiter.tryAcquire(ORIGIN + 1_000));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 1_990));
    }

    @Test
    void withALimitOfOneSpacesCallsAWindowApart() {
        RateLimiter limiter = limiter(1, 1_000, 0);

        assertEquals(0, limiter.tryAcquire(ORIGIN + 123));
        assertEquals(1_000, limiter.tryAcquire(ORIGIN + 123));
        assertEquals(1, limiter.tryAcquire(ORIGIN + 1_122));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 1_123));
    }

    @Test
    void staysExactOverManyLapsOfItsLog() {
        RateLimiter limiter = limiter(3, 300, 0);
        for (long t = 0; t < 300; t += 100) {
            assertEquals(0, limiter.tryAcquire(ORIGIN + t));
        }
        for (long t = 300; t < 3_000_000; t += 100) {
            assertEquals(0, limiter.tryAcquire(ORIGIN + t), "at " + t);
            assertEquals(100, limiter.tryAcquire(ORIGIN + t), "at " + t);
            assertEquals(50, limiter.tryAcquire(ORIGIN + t + 50), "at " + t + 50);
        }
    }

    @Test
    void keepsAdmissionsMinSpacingApartWithTheExactRetryAfter() {
        RateLimiter limiter = limiter(3, 1_000, 100);

        assertEquals(0, limiter.tryAcquire(ORIGIN));
        assertEquals(60, limiter.tryAcquire(ORIGIN + 40));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 100));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 200));
        assertEquals(700, limiter.tryAcquire(ORIGIN + 300), "the window holds 3 admissions");
        assertEquals(0, limiter.tryAcquire(ORIGIN + 1_000));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 1_200));
        assertEquals(50, limiter.tryAcquire(ORIGIN + 1_250), "the spacing is the longer wait here");
    }

    @Test
    void waitsForTheLaterOfTheWindowAndTheSpacing() {
        RateLimiter limiter = limiter(2, 1_000, 300);
        assertEquals(0, limiter.tryAcquire(ORIGIN));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 300));

        assertEquals(400, limiter.tryAcquire(ORIGIN + 600));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 1_000));
        assertEquals(300, limiter.tryAcquire(ORIGIN + 1_000));
    }

    @Test
    void aStaleReadingIsNeverToldToWaitLongerThanTheWindow() {
        RateLimiter limiter = RateLimiter.create(new RateLimitPolicy(1, 1_000, 0, ROLLING), ORIGIN);
        assertEquals(0, limiter.tryAcquire(ORIGIN + 500));

        assertEquals(1_000, limiter.tryAcquire(ORIGIN + 400), "read before the admission that fills the window");
    }

    @Test
    void availableCountsTheAdmissionsOfTheLastWindowWithoutTakingOne() {
        RateLimiter limiter = limiter(3, 1_000, 0);

        assertEquals(3, limiter.available(ORIGIN));
        limiter.tryAcquire(ORIGIN);
        limiter.tryAcquire(ORIGIN + 10);
        limiter.tryAcquire(ORIGIN + 20);
        assertEquals(0, limiter.available(ORIGIN + 999));
        assertEquals(1, limiter.available(ORIGIN + 1_000), "the admission at 0 has left the window");
        assertEquals(2, limiter.available(ORIGIN + 1_010));
        limiter.tryAcquire(ORIGIN + 1_015);
        assertEquals(1, limiter.available(ORIGIN + 1_015));
        assertEquals(3, limiter.available(ORIGIN + 5_000), "all of them are old");
    }

    @Test
    void availableStaysRightOverManyLaps() {
        RateLimiter limiter = limiter(5, 1_000, 0);
        for (int i = 0; i < 23; i++) {
            assertEquals(0, limiter.tryAcquire(ORIGIN + i * 300L));
        }
        // Admissions at 0, 300, ..., 6600: those after 5700 are in the window ending at 6700.
        assertEquals(5 - 3, limiter.available(ORIGIN + 6_700));
    }
}
