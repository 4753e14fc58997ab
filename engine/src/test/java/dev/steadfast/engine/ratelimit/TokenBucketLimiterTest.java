package dev.steadfast.engine.ratelimit;

import org.junit.jupiter.api.Test;

import static dev.steadfast.RateLimitType.SMOOTH;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TokenBucketLimiterTest {

    private static final long ORIGIN = 1_000_000;

    private static RateLimiter limiter(int limit, long window, long spacing) {
        return RateLimiter.create(new RateLimitPolicy(limit, window, spacing, SMOOTH), ORIGIN);
    }

    @Test
    void startsFullAndLetsABurstOfValueThrough() {
        RateLimiter limiter = limiter(4, 1_000, 0);

        for (int i = 0; i < 4; i++) {
            assertEquals(0, limiter.tryAcquire(ORIGIN));
        }
        assertEquals(250, limiter.tryAcquire(ORIGIN), "one permit comes back every window / value");
    }

    @Test
    void getsOnePermitBackPerInterval() {
        RateLimiter limiter = limiter(4, 1_000, 0);
        for (int i = 0; i < 4; i++) {
            limiter.tryAcquire(ORIGIN);
        }

        assertEquals(0, limiter.tryAcquire(ORIGIN + 250));
        assertEquals(250, limiter.tryAcquire(ORIGIN + 250));
        assertEquals(100, limiter.tryAcquire(ORIGIN + 400));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 500));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 1_000));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 1_000), "two intervals passed: two permits");
        assertEquals(250, limiter.tryAcquire(ORIGIN + 1_000));
    }

    @Test
    void passesEvenlySpacedCallsForever() {
        RateLimiter limiter = limiter(4, 1_000, 0);
        for (int i = 0; i < 4; i++) {
            limiter.tryAcquire(ORIGIN);
        }
        for (long t = 250; t < 1_000_000; t += 250) {
            assertEquals(0, limiter.tryAcquire(ORIGIN + t), "at " + t);
            assertEquals(250, limiter.tryAcquire(ORIGIN + t), "at " + t);
        }
    }

    @Test
    void holdsNoMoreThanValuePermitsAfterLongIdleness() {
        RateLimiter limiter = limiter(4, 1_000, 0);
        long later = ORIGIN + 3_600_000_000_000L;

        for (int i = 0; i < 4; i++) {
            assertEquals(0, limiter.tryAcquire(later));
        }
        assertEquals(250, limiter.tryAcquire(later));
    }

    @Test
    void roundsTheIntervalUpSoTheRateNeverExceedsTheLimit() {
        RateLimiter limiter = limiter(3, 1_000, 0);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.tryAcquire(ORIGIN));
        }

        assertEquals(334, limiter.tryAcquire(ORIGIN));
    }

    @Test
    void keepsAdmissionsMinSpacingApartWithTheExactRetryAfter() {
        RateLimiter limiter = limiter(4, 1_000, 100);

        assertEquals(0, limiter.tryAcquire(ORIGIN));
        assertEquals(50, limiter.tryAcquire(ORIGIN + 50));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 100));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 200));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 300));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 400));
        assertEquals(0, limiter.tryAcquire(ORIGIN + 500), "the bucket ran dry only now");
        assertEquals(150, limiter.tryAcquire(ORIGIN + 600), "the bucket is the longer wait here");
        assertEquals(0, limiter.tryAcquire(ORIGIN + 750));
    }

    @Test
    void availableIsTheTokensInTheBucket() {
        RateLimiter limiter = limiter(4, 1_000, 0);

        assertEquals(4, limiter.available(ORIGIN));
        limiter.tryAcquire(ORIGIN);
        limiter.tryAcquire(ORIGIN);
        limiter.tryAcquire(ORIGIN);
        assertEquals(1, limiter.available(ORIGIN));
        limiter.tryAcquire(ORIGIN);
        assertEquals(0, limiter.available(ORIGIN + 249));
        assertEquals(1, limiter.available(ORIGIN + 250), "one token back per interval");
        assertEquals(2, limiter.available(ORIGIN + 500));
        assertEquals(4, limiter.available(ORIGIN + 10_000), "never more than the bucket holds");
    }
}
