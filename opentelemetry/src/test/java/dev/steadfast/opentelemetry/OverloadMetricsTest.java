package dev.steadfast.opentelemetry;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.impl.cdi.SteadfastExtension;
import dev.steadfast.testsupport.WeldTestContainer;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static dev.steadfast.opentelemetry.Instruments.BREAKER;
import static dev.steadfast.opentelemetry.Instruments.BUDGET;
import static dev.steadfast.opentelemetry.Instruments.KEY;
import static dev.steadfast.opentelemetry.Instruments.METHOD;
import static dev.steadfast.opentelemetry.Instruments.PREVIOUS_STATE;
import static dev.steadfast.opentelemetry.Instruments.STATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Overload control through OpenTelemetry: refused retries, the adaptive limit, keyed breakers' keys and transitions. */
class OverloadMetricsTest {

    private static final String OVERLOADED = Overloaded.class.getName() + "#";

    private WeldTestContainer container;
    private InMemoryMetricReader reader;

    @BeforeEach
    void start() {
        container = WeldTestContainer.start(new SteadfastExtension(), TestOpenTelemetry.class, Overloaded.class);
        reader = container.select(TestOpenTelemetry.class).reader();
    }

    @AfterEach
    void stop() {
        container.close();
    }

    @Test
    void aRefusedRetryIsCountedWithTheBudgetsName() {
        assertThrows(RetryExhaustedException.class, container.select(Overloaded.class)::rationed);

        assertEquals(1, new Metrics(reader).longValue(Instruments.RETRIES_REFUSED,
                Attributes.of(METHOD, OVERLOADED + "rationed()", BUDGET, "tight")));
    }

    @Test
    void anAdaptiveBulkheadsLimitIsObserved() {
        assertEquals("ok", container.select(Overloaded.class).adaptive());

        assertEquals(7, new Metrics(reader).longValue(Instruments.BULKHEAD_LIMIT,
                Attributes.of(METHOD, OVERLOADED + "adaptive()")));
    }

    @Test
    void aKeyedBreakersKeysAndTransitionsCarryTheKey() throws IOException {
        Overloaded o = container.select(Overloaded.class);
        assertThrows(IOException.class, () -> o.host("a.example", true));
        assertEquals("ok", o.host("b.example", false));

        Metrics m = new Metrics(reader);
        assertEquals(1, m.longValue(Instruments.BREAKER_KEYS, Attributes.of(BREAKER, "hosts", STATE, "open")));
        assertEquals(1, m.longValue(Instruments.BREAKER_KEYS, Attributes.of(BREAKER, "hosts", STATE, "closed")));
        assertEquals(1, m.longValue(Instruments.BREAKER_KEY_TRANSITIONS, Attributes.builder().put(BREAKER, "hosts")
                .put(KEY, "a.example").put(PREVIOUS_STATE, "closed").put(STATE, "open").build()));
    }
}
