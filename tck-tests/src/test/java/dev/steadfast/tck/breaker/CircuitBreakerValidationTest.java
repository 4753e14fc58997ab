package dev.steadfast.tck.breaker;

import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Broken {@code @CircuitBreaker} members fail the deployment, never a call; the message names the member, the method,
 * the value and the rule ({@code docs/validation.md}).
 */
class CircuitBreakerValidationTest {

    @Test
    void failureRatioAboveOneFailsTheDeployment() {
        assertEquals(List.of("@CircuitBreaker.failureRatio on " + RatioAboveOne.class.getName()
                        + "#call(): 1.5 is not within [0, 1]"),
                TestContainer.deploymentErrors(RatioAboveOne.class));
    }

    @Test
    void requestVolumeThresholdZeroFailsTheDeployment() {
        assertEquals(List.of("@CircuitBreaker.requestVolumeThreshold on " + ZeroVolume.class.getName()
                        + "#call(): 0 is below 1; the window needs at least one call"),
                TestContainer.deploymentErrors(ZeroVolume.class));
    }

    @Test
    void successThresholdZeroFailsTheDeployment() {
        assertEquals(List.of("@CircuitBreaker.successThreshold on " + ZeroSuccessThreshold.class.getName()
                        + "#call(): 0 is below 1; closing needs at least one successful trial"),
                TestContainer.deploymentErrors(ZeroSuccessThreshold.class));
    }

    @Test
    void halfOpenMaxCallsZeroFailsTheDeployment() {
        assertEquals(List.of("@CircuitBreaker.halfOpenMaxCalls on " + ZeroHalfOpenCalls.class.getName()
                        + "#call(): 0 is below 1; HALF_OPEN needs at least one trial call"),
                TestContainer.deploymentErrors(ZeroHalfOpenCalls.class));
    }

    @Test
    void negativeDelayFailsTheDeployment() {
        assertEquals(List.of("@CircuitBreaker.delay on " + NegativeDelay.class.getName()
                        + "#call(): -1 is negative; times must be 0 or more"),
                TestContainer.deploymentErrors(NegativeDelay.class));
    }

    @Test
    void aNamedConfigKeyThatBreaksARuleFailsTheDeploymentNamingTheKey() {
        String key = "steadfast.circuit-breaker.\"payments\".failure-ratio";

        List<String> errors = TestContainer.deploymentErrors(Map.of(key, "2"), PaymentsGateway.class);

        assertEquals(List.of("@CircuitBreaker.failureRatio on " + PaymentsGateway.class.getName()
                + "#charge(boolean): 2 (from config key " + key + ") is not within [0, 1]"), errors);
    }

    @Test
    void aValidConfigValueReplacesABrokenAnnotationValue() {
        String key = "steadfast.\"" + ZeroVolume.class.getName() + "/call\".circuit-breaker.request-volume-threshold";

        try (TestContainer c = TestContainer.start(Map.of(key, "3"), ZeroVolume.class)) {
            assertEquals("x", c.select(ZeroVolume.class).call(), "config is checked, not the annotation it overrides");
        }
    }
}
