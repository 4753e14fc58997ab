package dev.steadfast.tck.validation;

import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.steadfast.tck.validation.RetryValidationTest.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A broken {@code @Timeout} fails the deployment ({@code docs/validation.md}). */
class TimeoutValidationTest {

    @Test
    void aZeroTimeoutFailsTheDeployment() {
        assertEquals(List.of(at(ZeroTimeout.class, "@Timeout.value") + "0 is 0; a timeout must be positive"),
                TestContainer.deploymentErrors(ZeroTimeout.class));
    }

    @Test
    void aNegativeTimeoutFailsTheDeploymentWithOneMessage() {
        assertEquals(List.of(at(NegativeTimeout.class, "@Timeout.value") + "-1 is negative; times must be 0 or more"),
                TestContainer.deploymentErrors(NegativeTimeout.class));
    }
}
