package dev.steadfast.opentelemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The application's OpenTelemetry: an SDK whose metrics an in-memory reader collects. One per container. */
@Singleton
public class TestOpenTelemetry {

    final InMemoryMetricReader reader = InMemoryMetricReader.create();

    @Produces
    final OpenTelemetry openTelemetry = OpenTelemetrySdk.builder()
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build()).build();

    InMemoryMetricReader reader() {
        return reader;
    }

    @PreDestroy
    void close() {
        ((OpenTelemetrySdk) openTelemetry).close();
    }
}
