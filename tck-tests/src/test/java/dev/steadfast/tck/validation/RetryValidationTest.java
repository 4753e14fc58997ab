package dev.steadfast.tck.validation;

import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A broken {@code @Retry} fails the deployment, naming member, method, value and rule (docs/validation.md). */
class RetryValidationTest {

    @Test
    void jitterAboveOneFailsTheDeployment() {
        assertEquals(List.of(at(BadJitter.class, "@Retry.jitter") + "1.5 is not within [0, 1]"),
                TestContainer.deploymentErrors(BadJitter.class));
    }

    @Test
    void maxRetriesBelowMinusOneFailsTheDeployment() {
        assertEquals(List.of(at(NegativeMaxRetries.class, "@Retry.maxRetries")
                        + "-2 is below -1; use -1 for no count limit"),
                TestContainer.deploymentErrors(NegativeMaxRetries.class));
    }

    @Test
    void maxDurationNotAboveDelayFailsTheDeployment() {
        assertEquals(List.of(at(MaxDurationNotAboveDelay.class, "@Retry.maxDuration")
                        + "500 ms is not above delay 500 ms; no retry could start within it"),
                TestContainer.deploymentErrors(MaxDurationNotAboveDelay.class));
    }

    @Test
    void maxDelayBelowDelayFailsTheDeployment() {
        assertEquals(List.of(at(MaxDelayBelowDelay.class, "@Retry.maxDelay")
                        + "50 ms is below delay 100 ms; a cap must not be below the delay"),
                TestContainer.deploymentErrors(MaxDelayBelowDelay.class));
    }

    @Test
    void factorBelowOneFailsTheDeployment() {
        assertEquals(List.of(at(FactorBelowOne.class, "@Retry.factor")
                        + "0.5 is below 1; a backoff factor must be at least 1"),
                TestContainer.deploymentErrors(FactorBelowOne.class));
    }

    @Test
    void aRuleComparingTimesInDifferentUnitsShowsEachWithItsUnit() {
        List<String> errors = TestContainer.deploymentErrors(MixedUnits.class);

        assertEquals(1, errors.size(), errors::toString);
        String message = errors.get(0);
        assertTrue(message.startsWith(at(MixedUnits.class, "@Retry.maxDuration")), message);
        // "500 ms ... delay 1.0 s" (TimeFormat), "500 MILLIS ... delay 1 SECONDS", ISO: any form with units will do.
        assertTrue(message.matches(".*(500 ?(ms|MILLIS|millis)|PT0\\.5S).* delay (1(\\.0)? ?(s|SECONDS|seconds)"
                + "|PT1S|1000 ?(ms|MILLIS|millis))\\b.*"), message);
    }

    @Test
    void noCountLimitWithoutMaxDurationFailsTheDeployment() {
        assertEquals(List.of(at(EndlessRetry.class, "@Retry.maxRetries")
                        + "-1 (no count limit) needs a maxDuration, but maxDuration is 0; the retries would never end"),
                TestContainer.deploymentErrors(EndlessRetry.class));
    }

    @Test
    void aNegativeDelayFailsTheDeployment() {
        assertEquals(List.of(at(NegativeRetryDelay.class, "@Retry.delay") + "-5 is negative; times must be 0 or more"),
                TestContainer.deploymentErrors(NegativeRetryDelay.class));
    }

    @Test
    void aUnitThatIsNotExactFailsTheDeployment() {
        assertEquals(List.of(at(MonthsDelayUnit.class, "@Retry.delayUnit")
                        + "MONTHS is not an exact unit (use NANOS to DAYS)"),
                TestContainer.deploymentErrors(MonthsDelayUnit.class));
    }

    @Test
    void aResultPredicateThatCannotBeCreatedFailsTheDeployment() {
        assertEquals(List.of(at(UninstantiablePredicate.class, "@Retry.retryOnResult")
                        + NeedsArgumentPredicate.class.getName() + " is not a CDI bean and has no no-arg constructor"),
                TestContainer.deploymentErrors(UninstantiablePredicate.class));
    }

    /** {@code @Retry.jitter on com.acme.Quotes#fetch(): }. */
    static String at(Class<?> bean, String member) {
        return member + " on " + bean.getName() + "#fetch(): ";
    }
}
