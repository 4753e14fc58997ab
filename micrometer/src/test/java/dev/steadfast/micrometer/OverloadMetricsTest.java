package dev.steadfast.micrometer;

import dev.steadfast.KeyedCircuitOpenException;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.guard.Guard;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The meters of overload control: refused retries, the adaptive limit, keyed breakers with bounded key tags. */
class OverloadMetricsTest {

    private final SimpleMeterRegistry simple = new SimpleMeterRegistry();

    @AfterEach
    void cleanUp() {
        Metrics.globalRegistry.remove(simple);
        Metrics.globalRegistry.clear();
    }

    @Test
    void aRefusedRetryIsCountedByMethodAndBudget() {
        Metrics.globalRegistry.add(simple);
        String name = "rationed-" + UUID.randomUUID();
        Guard<String> guard = Guard.<String>builder(name).retry(r -> r.maxRetries(3))
                .retryBudget(b -> b.ratio(0).minPerSecond(0).window(Duration.ofSeconds(1))).build();

        assertThrows(RetryExhaustedException.class, () -> guard.call(() -> {
            throw new IOException("down");
        }));

        assertEquals(1, simple.get(MeterNames.RETRIES_REFUSED).tags("method", name, "budget", name).counter()
                .count());
    }

    @Test
    void anAdaptiveBulkheadPublishesItsLimit() {
        Metrics.globalRegistry.add(simple);
        String name = "adaptive-" + UUID.randomUUID();
        Guard<String> guard = Guard.<String>builder(name).adaptiveBulkhead(b -> b.initialLimit(7)).build();

        assertEquals("ok", guard.get(() -> "ok"));

        assertEquals(7, simple.get(MeterNames.BULKHEAD_LIMIT).tags("method", name).gauge().value());
    }

    @Test
    void keyedBreakersCountKeysByStateAndTagTransitionsWithBoundedKeys() throws Exception {
        Metrics.globalRegistry.add(simple);
        String name = "hosts-" + UUID.randomUUID();
        Guard<String> guard = Guard.<String>builder(name)
                .circuitBreaker(b -> b.requestVolumeThreshold(1).failureRatio(1.0).keyed()).build();
        for (int i = 0; i < 15; i++) {
            String host = "h" + i;
            assertThrows(IOException.class, () -> guard.call(host, () -> {
                throw new IOException("down");
            }));
            assertThrows(KeyedCircuitOpenException.class, () -> guard.call(host, () -> "never"));
        }
        guard.call("fine", () -> "ok");

        assertEquals(15, simple.get(MeterNames.BREAKER_KEYS).tags("breaker", name, "state", "open").gauge().value());
        assertEquals(1, simple.get(MeterNames.BREAKER_KEYS).tags("breaker", name, "state", "closed").gauge().value());
        assertEquals(1, simple.get(MeterNames.BREAKER_KEY_TRANSITIONS)
                .tags("breaker", name, "key", "h0", "from", "closed", "to", "open").counter().count());
        assertEquals(5, simple.get(MeterNames.BREAKER_KEY_TRANSITIONS)
                .tags("breaker", name, "key", "other", "from", "closed", "to", "open").counter().count(),
                "ten keys by name, the other five as other");
        assertEquals(11, simple.get(MeterNames.BREAKER_KEY_TRANSITIONS).tags("breaker", name).counters().size());
    }
}
