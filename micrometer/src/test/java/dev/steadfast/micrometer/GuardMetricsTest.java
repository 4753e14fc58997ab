package dev.steadfast.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.guard.Guard;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A programmatic guard used without any container is metered too, in Micrometer's global registry. */
class GuardMetricsTest {

    private final SimpleMeterRegistry simple = new SimpleMeterRegistry();

    @AfterEach
    void cleanUp() {
        Metrics.globalRegistry.remove(simple);
        Metrics.globalRegistry.clear();
    }

    @Test
    void aGuardOutsideAnyContainerPublishesItsCallsAndRetries() {
        Metrics.globalRegistry.add(simple);
        String name = "quotes-client-" + UUID.randomUUID();
        Guard<String> guard = Guard.<String>builder(name).retry(r -> r.maxRetries(2)).build();

        assertThrows(RetryExhaustedException.class, () -> guard.call(() -> {
            throw new IOException("down");
        }));
        assertEquals("up", guard.get(() -> "up"));

        assertEquals(2, simple.get("steadfast.retries").tags("method", name).counter().count());
        assertEquals(1, simple.get("steadfast.retries.exhausted").tags("method", name).counter().count());
        assertEquals(1, simple.get("steadfast.calls").tags("method", name, "outcome", "failure").counter().count());
        assertEquals(1, simple.get("steadfast.calls").tags("method", name, "outcome", "success").counter().count());
    }
}
