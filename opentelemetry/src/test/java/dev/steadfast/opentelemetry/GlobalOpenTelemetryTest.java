package dev.steadfast.opentelemetry;

import static dev.steadfast.opentelemetry.Instruments.METHOD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.impl.cdi.SteadfastExtension;
import dev.steadfast.testsupport.WeldTestContainer;
import dev.steadfast.testsupport.fixtures.Flaky;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Without an OpenTelemetry bean: GlobalOpenTelemetry if it is set, and never read while it is not. */
class GlobalOpenTelemetryTest {

    private static final String METHOD_NAME = "dev.steadfast.testsupport.fixtures.Flaky#alwaysFails()";

    @BeforeEach
    @AfterEach
    void resetGlobal() {
        GlobalOpenTelemetry.resetForTest();
    }

    @Test
    void aGlobalSetBeforeTheContainerStartsGetsTheMetrics() {
        InMemoryMetricReader reader = InMemoryMetricReader.create();
        try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build()).build()) {
            GlobalOpenTelemetry.set(sdk);
            try (WeldTestContainer container = WeldTestContainer.start(new SteadfastExtension(), Flaky.class)) {
                assertThrows(RetryExhaustedException.class, container.select(Flaky.class)::alwaysFails);
            }

            assertEquals(3, new Metrics(reader).longValue("steadfast.retries", Attributes.of(METHOD, METHOD_NAME)));
        }
    }

    @Test
    void anUnsetGlobalIsLeftAloneAndNothingIsObserved() {
        try (WeldTestContainer container = WeldTestContainer.start(new SteadfastExtension(), Flaky.class)) {
            assertThrows(RetryExhaustedException.class, container.select(Flaky.class)::alwaysFails);
        }

        assertFalse(GlobalOpenTelemetry.isSet(), "reading it would have installed a no-op for good");
        InMemoryMetricReader reader = InMemoryMetricReader.create();
        try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build()).build()) {
            GlobalOpenTelemetry.set(sdk); // the application can still set it
            assertTrue(GlobalOpenTelemetry.isSet());
        }
    }
}
