package dev.steadfast.engine.breaker;

import dev.steadfast.engine.ExceptionMatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BreakerPolicyTest {

    private static final ExceptionMatcher ALL = ExceptionMatcher.all();

    @Test
    void defaultsAreThoseOfTheAnnotation() {
        assertEquals(new BreakerPolicy(20, 0.5, Duration.ofSeconds(5).toNanos(), 1, 1, ALL, 0),
                BreakerPolicy.defaults());
    }

    @Test
    void rejectsValuesThatBreakTheRules() {
        assertThrows(IllegalArgumentException.class, () -> new BreakerPolicy(0, 0.5, 0, 1, 1, ALL, 0));
        assertThrows(IllegalArgumentException.class, () -> new BreakerPolicy(1, -0.1, 0, 1, 1, ALL, 0));
        assertThrows(IllegalArgumentException.class, () -> new BreakerPolicy(1, 1.5, 0, 1, 1, ALL, 0));
        assertThrows(IllegalArgumentException.class, () -> new BreakerPolicy(1, Double.NaN, 0, 1, 1, ALL, 0));
        assertThrows(IllegalArgumentException.class, () -> new BreakerPolicy(1, 0.5, -1, 1, 1, ALL, 0));
        assertThrows(IllegalArgumentException.class, () -> new BreakerPolicy(1, 0.5, 0, 0, 1, ALL, 0));
        assertThrows(IllegalArgumentException.class, () -> new BreakerPolicy(1, 0.5, 0, 1, 0, ALL, 0));
        assertThrows(NullPointerException.class, () -> new BreakerPolicy(1, 0.5, 0, 1, 1, null, 0));
        assertThrows(IllegalArgumentException.class, () -> new BreakerPolicy(1, 0.5, 0, 1, 1, ALL, -1));
        new BreakerPolicy(1, 0, 0, 1, 1, ALL, 0);
        new BreakerPolicy(1, 1, 0, 1, 1, ALL, 0);
    }

    @ParameterizedTest(name = "{1} of a window of {0} is {2} failures")
    @CsvSource({
            "20, 0.5,  10",
            "10, 0.3,  3",   // ceil(0.3 * 10) is 4 in floating point
            "10, 0.7,  7",   // 0.7 * 10 = 7.000000000000001
            "100, 0.29, 29", // 0.29 * 100 = 28.999999999999996
            "100, 0.57, 57",
            "7, 0.7,   5",
            "3, 0.5,   2",
            "5, 1.0,   5",
            "1, 1.0,   1",
            "10, 0.01, 1",
            "10, 0.0,  1",   // a ratio of 0 still needs a failure
    })
    void theFailureThresholdIsTheSmallestCountReachingTheRatio(int window, double ratio, int expected) {
        assertEquals(expected, new BreakerPolicy(window, ratio, 0, 1, 1, ALL, 0).failureThreshold());
    }

    @Test
    void aCallIsSlowOnlyPastTheThresholdAndOnlyWhenOneIsSet() {
        BreakerPolicy p = new BreakerPolicy(1, 1, 0, 1, 1, ALL, 100);
        assertFalse(p.isSlow(100));
        assertTrue(p.isSlow(101));
        assertFalse(new BreakerPolicy(1, 1, 0, 1, 1, ALL, 0).isSlow(Long.MAX_VALUE));
    }
}
