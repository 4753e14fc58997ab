package dev.steadfast.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.impl.cdi.SteadfastExtension;
import dev.steadfast.testsupport.WeldTestContainer;
import dev.steadfast.testsupport.fixtures.Flaky;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Without a MeterRegistry bean, the meters go to Micrometer's global registry. */
class GlobalRegistryTest {

    private final SimpleMeterRegistry simple = new SimpleMeterRegistry();

    @AfterEach
    void cleanUp() {
        Metrics.globalRegistry.remove(simple);
        Metrics.globalRegistry.clear();
    }

    @Test
    void withoutARegistryBeanTheGlobalRegistryGetsTheMeters() {
        Metrics.globalRegistry.add(simple);
        String method = "dev.steadfast.testsupport.fixtures.Flaky#alwaysFails()";
        try (WeldTestContainer container = WeldTestContainer.start(new SteadfastExtension(), Flaky.class)) {
            assertThrows(RetryExhaustedException.class, container.select(Flaky.class)::alwaysFails);

            assertEquals(3, simple.get("steadfast.retries").tags("method", method).counter().count());
            assertEquals(1, simple.get("steadfast.calls").tags("method", method, "outcome", "failure").counter()
                    .count());
        }

        assertEquals(List.of(), simple.find("steadfast.calls").meters(), "the stopped application's meters are gone");
        assertEquals(List.of(), Metrics.globalRegistry.getMeters());
    }
}
