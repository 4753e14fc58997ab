package dev.steadfast.tck.ratelimit;

import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A broken {@code @RateLimit} fails the deployment, naming member, method, value and rule (docs/validation.md). */
class RateLimitValidationTest {

    @Test
    void valueZeroFailsTheDeployment() {
        assertEquals(List.of("@RateLimit.value on " + ZeroRateLimit.class.getName()
                        + "#call(): 0 is below 1; a rate limit must admit at least one call per window"),
                TestContainer.deploymentErrors(ZeroRateLimit.class));
    }

    @Test
    void windowZeroFailsTheDeployment() {
        assertEquals(List.of("@RateLimit.window on " + ZeroWindowRateLimit.class.getName()
                        + "#call(): 0 is 0; a window must be positive"),
                TestContainer.deploymentErrors(ZeroWindowRateLimit.class));
    }

    @Test
    void negativeWindowFailsTheDeploymentWithOneMessage() {
        assertEquals(List.of("@RateLimit.window on " + NegativeWindowRateLimit.class.getName()
                        + "#call(): -1 is negative; times must be 0 or more"),
                TestContainer.deploymentErrors(NegativeWindowRateLimit.class));
    }

    @Test
    void negativeMinSpacingFailsTheDeployment() {
        assertEquals(List.of("@RateLimit.minSpacing on " + NegativeSpacingRateLimit.class.getName()
                        + "#call(): -5 is negative; times must be 0 or more"),
                TestContainer.deploymentErrors(NegativeSpacingRateLimit.class));
    }

    @Test
    void valueZeroFromConfigFailsTheDeploymentNamingTheKey() {
        String key = "steadfast.\"" + ThreePerMinute.class.getName() + "/call\".rate-limit.value";
        assertEquals(List.of("@RateLimit.value on " + ThreePerMinute.class.getName() + "#call(): 0 (from config key "
                        + key + ") is below 1; a rate limit must admit at least one call per window"),
                TestContainer.deploymentErrors(Map.of(key, "0"), ThreePerMinute.class));
    }

    @Test
    void windowThatIsNotATimeFailsTheDeploymentNamingTheKey() {
        String key = "steadfast.\"" + ThreePerMinute.class.getName() + "/call\".rate-limit.window";
        List<String> errors = TestContainer.deploymentErrors(Map.of(key, "soon"), ThreePerMinute.class);
        assertEquals(1, errors.size(), errors::toString);
        String expectedStart = "@RateLimit.window on " + ThreePerMinute.class.getName()
                + "#call(): 'soon' (from config key " + key + ") is not a time";
        assertTrue(errors.get(0).startsWith(expectedStart), errors.get(0));
    }
}
