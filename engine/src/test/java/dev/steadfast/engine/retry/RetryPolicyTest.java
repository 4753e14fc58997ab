package dev.steadfast.engine.retry;

import dev.steadfast.Backoff;
import dev.steadfast.engine.Violation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one check of a retry's values, reported as values; and the policy as a value. */
class RetryPolicyTest {

    @Test
    void theDefaultsAreValid() {
        assertEquals(List.of(), RetryPolicy.builder().violations());
    }

    @Test
    void everyBrokenRuleIsReportedInTheOrderOfTheMembers() {
        List<Violation> found = RetryPolicy.builder().maxRetries(-2).delay(Duration.ofMillis(-1)).factor(0.5)
                .jitter(1.5).maxDuration(Duration.ofSeconds(-1)).jitterDelay(Duration.ofMillis(-2)).violations();

        assertEquals(List.of("maxRetries", "delay", "factor", "jitter", "maxDuration", "jitterDelay"),
                found.stream().map(Violation::member).toList());
        assertEquals("maxRetries -2 is below -1; use -1 for no count limit", found.get(0).message());
        assertEquals("delay -1 ms is negative; times must be 0 or more", found.get(1).message());
        assertEquals("factor 0.5 is below 1; a backoff factor must be at least 1", found.get(2).message());
        assertEquals("jitter 1.5 is not within [0, 1]", found.get(3).message());
    }

    @Test
    void aRuleComparingTwoTimesNamesTheOtherMemberAndShowsBothWithTheirUnits() {
        Violation v = RetryPolicy.builder().delay(Duration.ofSeconds(1)).maxDuration(Duration.ofMillis(500))
                .violations().get(0);

        assertEquals("maxDuration", v.member());
        assertEquals("delay", v.other());
        assertTrue(v.comparesTimes());
        assertTrue(v.involves("delay"));
        assertEquals("maxDuration 500 ms is not above delay 1 s; no retry could start within it", v.message());
        assertEquals("is not above delay 1000 ms; no retry could start within it", v.rule("1000 ms"));
    }

    @Test
    void aCapBelowTheDelayIsReportedButNoCapIsFine() {
        assertEquals("maxDelay 50 ms is below delay 100 ms; a cap must not be below the delay",
                RetryPolicy.builder().delay(Duration.ofMillis(100)).maxDelay(Duration.ofMillis(50)).violations()
                        .get(0).message());
        assertEquals(List.of(), RetryPolicy.builder().delay(Duration.ofMillis(100)).violations());
    }

    @Test
    void retryingForeverIsRefusedUnlessTheFrontEndAllowsIt() {
        RetryPolicy.Builder forever = RetryPolicy.builder().maxRetries(-1).maxDuration(Duration.ZERO);

        Violation v = forever.violations().get(0);
        assertEquals("maxRetries -1 (no count limit) needs a maxDuration, but maxDuration is 0; the retries would"
                + " never end", v.message());
        assertTrue(v.involves("maxDuration"), "a front end that could not read maxDuration skips it");
        assertFalse(v.comparesTimes());
        assertEquals(List.of(), forever.mayRetryForever(true).violations());
        assertEquals(-1, forever.build().maxRetries());
    }

    @Test
    void buildingWithABrokenValueThrowsNamingEveryViolation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RetryPolicy.builder().jitter(2).factor(0).build());
        assertEquals("RetryPolicy: factor 0.0 is below 1; a backoff factor must be at least 1; and jitter 2.0 is not"
                + " within [0, 1]", e.getMessage());
    }

    @Test
    void equalValuesMakeEqualPolicies() {
        RetryPolicy a = RetryPolicy.builder().maxRetries(2).backoff(Backoff.EXPONENTIAL)
                .retryOn(List.of(IOException.class)).build();
        RetryPolicy b = RetryPolicy.builder().maxRetries(2).backoff(Backoff.EXPONENTIAL)
                .retryOn(List.of(IOException.class)).build();

        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, RetryPolicy.builder().maxRetries(2).build());
        assertTrue(a.toString().startsWith("RetryPolicy[maxRetries=2, "), a.toString());
    }

    @Test
    void aTimeTooLongForNanosecondsIsTheLongestOne() {
        assertEquals(Long.MAX_VALUE, RetryPolicy.builder().maxDuration(Duration.ofDays(365L * 1000)).build()
                .maxDurationNanos());
    }
}
