package dev.steadfast.engine.ratelimit;

import org.junit.jupiter.api.Test;

import static dev.steadfast.RateLimitType.FIXED;
import static dev.steadfast.RateLimitType.ROLLING;
import static dev.steadfast.RateLimitType.SMOOTH;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RateLimitPolicyTest {

    @Test
    void acceptsTheSmallestValidLimit() {
        assertDoesNotThrow(() -> new RateLimitPolicy(1, 1, 0, FIXED));
    }

    @Test
    void rejectsALimitBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimitPolicy(0, 1_000, 0, FIXED));
    }

    @Test
    void rejectsAnEmptyWindow() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimitPolicy(1, 0, 0, FIXED));
    }

    @Test
    void rejectsNegativeSpacing() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimitPolicy(1, 1_000, -1, SMOOTH));
    }

    @Test
    void rejectsAMissingType() {
        assertThrows(NullPointerException.class, () -> new RateLimitPolicy(1, 1_000, 0, null));
    }

    @Test
    void rejectsARollingLimitTooLargeToLogButAcceptsItForTheOtherTypes() {
        int tooLarge = RateLimitPolicy.MAX_ROLLING_LIMIT + 1;
        assertThrows(IllegalArgumentException.class, () -> new RateLimitPolicy(tooLarge, 1_000, 0, ROLLING));
        assertDoesNotThrow(() -> new RateLimitPolicy(Integer.MAX_VALUE, 1_000, 0, FIXED));
        assertDoesNotThrow(() -> new RateLimitPolicy(Integer.MAX_VALUE, 1_000, 0, SMOOTH));
    }
}
