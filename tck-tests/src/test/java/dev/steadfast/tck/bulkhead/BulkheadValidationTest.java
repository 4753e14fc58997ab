package dev.steadfast.tck.bulkhead;

import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A broken {@code @Bulkhead} fails the deployment, naming member, method, value and rule (docs/validation.md). */
class BulkheadValidationTest {

    @Test
    void valueZeroFailsTheDeployment() {
        assertEquals(List.of("@Bulkhead.value on " + ZeroBulkhead.class.getName()
                        + "#call(): 0 is below 1; a bulkhead must admit at least one call"),
                TestContainer.deploymentErrors(ZeroBulkhead.class));
    }

    @Test
    void negativeWaitingTaskQueueFailsTheDeployment() {
        assertEquals(List.of("@Bulkhead.waitingTaskQueue on " + NegativeQueueBulkhead.class.getName()
                        + "#call(): -1 is negative; use 0 for no queue"),
                TestContainer.deploymentErrors(NegativeQueueBulkhead.class));
    }

    @Test
    void negativeMaxWaitFailsTheDeployment() {
        assertEquals(List.of("@Bulkhead.maxWait on " + NegativeMaxWaitBulkhead.class.getName()
                        + "#call(): -1 is negative; times must be 0 or more"),
                TestContainer.deploymentErrors(NegativeMaxWaitBulkhead.class));
    }

    @Test
    void valueZeroFromConfigFailsTheDeploymentNamingTheKey() {
        String key = "steadfast.\"" + TwoAtATime.class.getName() + "/hold\".bulkhead.value";
        assertEquals(List.of("@Bulkhead.value on " + TwoAtATime.class.getName()
                        + "#hold(CountDownLatch, CountDownLatch): 0 (from config key " + key
                        + ") is below 1; a bulkhead must admit at least one call"),
                TestContainer.deploymentErrors(Map.of(key, "0"), TwoAtATime.class));
    }
}
