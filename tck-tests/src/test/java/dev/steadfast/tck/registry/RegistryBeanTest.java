package dev.steadfast.tck.registry;

import dev.steadfast.CircuitBreakers;
import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import static dev.steadfast.CircuitState.FORCED_OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link CircuitBreakers} and {@code FaultToleranceHealth}: injectable, application scoped (docs/operations.md). */
class RegistryBeanTest {

    @Test
    void everyInjectionSeesTheOneRegistryOfTheApplication() {
        try (TestContainer c = TestContainer.start(Shipping.class)) {
            c.select(CircuitBreakers.class).get("shipping").forceOpen();

            assertEquals(FORCED_OPEN, c.select(CircuitBreakers.class).get("shipping").state());
        }
    }

    @Test
    void aPassivatingBeanCanInjectTheRegistryAndTheHealthReport() {
        try (TestContainer c = TestContainer.start(Shipping.class, SessionDashboard.class)) {
            assertEquals(1, c.select(CircuitBreakers.class).all().size(), "deployed, with its one breaker");
        }
    }
}
