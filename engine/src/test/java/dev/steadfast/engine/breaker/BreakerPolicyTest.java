package dev.steadfast.engine.breaker;

import dev.steadfast.engine.ExceptionMatcher;
import dev.steadfast.engine.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BreakerPolicyTest {

    /** A window of one, ratio 0.5, no delay: valid, so that each case breaks one rule only. */
    private static BreakerPolicy.Builder valid() {
        return BreakerPolicy.builder().requestVolumeThreshold(1).failureRatio(0.5).delay(Duration.ZERO);
    }

    private static BreakerPolicy policy(UnaryOperator<BreakerPolicy.Builder> change) {
        return change.apply(valid()).build();
    }

    @Test
    void defaultsAreThoseOfTheAnnotation() {
        BreakerPolicy p = BreakerPolicy.defaults();
        assertEquals(20, p.requestVolumeThreshold());
        assertEquals(0.5, p.failureRatio());
        assertEquals(Duration.ofSeconds(5).toNanos(), p.delayNanos());
        assertEquals(1, p.successThreshold());
        assertEquals(1, p.halfOpenMaxCalls());
        assertEquals(ExceptionMatcher.all(), p.failOn());
        assertEquals(0, p.slowCallThresholdNanos());
    }

    @Test
    void rejectsValuesThatBreakTheRules() {
        assertThrows(IllegalArgumentException.class, () -> policy(b -> b.requestVolumeThreshold(0)));
        assertThrows(IllegalArgumentException.class, () -> policy(b -> b.failureRatio(-0.1)));
        assertThrows(IllegalArgumentException.class, () -> policy(b -> b.failureRatio(1.5)));
        assertThrows(IllegalArgumentException.class, () -> policy(b -> b.failureRatio(Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> policy(b -> b.delay(Duration.ofNanos(-1))));
        assertThrows(IllegalArgumentException.class, () -> policy(b -> b.successThreshold(0)));
        assertThrows(IllegalArgumentException.class, () -> policy(b -> b.halfOpenMaxCalls(0)));
        assertThrows(NullPointerException.class, () -> policy(b -> b.failOn(null)));
        assertThrows(IllegalArgumentException.class, () -> policy(b -> b.slowCallThreshold(Duration.ofNanos(-1))));
        policy(b -> b.failureRatio(0));
        policy(b -> b.failureRatio(1));
    }

    @Test
    void reportsEveryBrokenRuleAsAValueInTheOrderOfTheMembers() {
        List<Violation> found = valid().requestVolumeThreshold(0).delay(Duration.ofMillis(-5)).halfOpenMaxCalls(0)
                .violations();

        assertEquals(List.of(
                Violation.of("requestVolumeThreshold", 0, "is below 1; the window needs at least one call"),
                Violation.of("delay", Duration.ofMillis(-5), "is negative; times must be 0 or more"),
                Violation.of("halfOpenMaxCalls", 0, "is below 1; HALF_OPEN needs at least one trial call")), found);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> valid().failureRatio(2).build());
        assertEquals("BreakerPolicy: failureRatio 2.0 is not within [0, 1]", e.getMessage());
    }

    @Test
    void equalPoliciesDescribeTheSameBreakerAndTheirDifferencesAreNamed() {
        BreakerPolicy a = policy(b -> b.failOn(List.of(java.io.IOException.class, IllegalStateException.class)));
        BreakerPolicy same = policy(b -> b.failOn(List.of(IllegalStateException.class, java.io.IOException.class)));
        BreakerPolicy other = policy(b -> b.requestVolumeThreshold(4).delay(Duration.ofSeconds(30)));

        assertEquals(a, same);
        assertEquals(a.hashCode(), same.hashCode());
        assertNotEquals(a, other);
        assertEquals("", a.differences(same));
        assertEquals("requestVolumeThreshold 1 vs 4, delay 0 s vs 30 s, failOn [IOException, IllegalStateException]"
                + " vs [Throwable]", a.differences(other));
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
        assertEquals(expected, policy(b -> b.requestVolumeThreshold(window).failureRatio(ratio)).failureThreshold());
    }

    @Test
    void aCallIsSlowOnlyPastTheThresholdAndOnlyWhenOneIsSet() {
        BreakerPolicy p = policy(b -> b.failureRatio(1).slowCallThreshold(Duration.ofNanos(100)));
        assertFalse(p.isSlow(100));
        assertTrue(p.isSlow(101));
        assertFalse(policy(b -> b.failureRatio(1)).isSlow(Long.MAX_VALUE));
    }
}
