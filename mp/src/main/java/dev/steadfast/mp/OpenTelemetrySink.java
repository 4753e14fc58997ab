package dev.steadfast.mp;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * {@link MpMetrics.Sink} over MicroProfile Telemetry: the application's {@link OpenTelemetry} bean. Counters are
 * counters, durations histograms in seconds, breaker state times asynchronous counters in nanoseconds, running and
 * waiting executions asynchronous up-down counters. Only loaded when the OpenTelemetry API is on the class path.
 */
final class OpenTelemetrySink implements MpMetrics.Sink {

    static final String SCOPE = "dev.steadfast.mp";

    /** MicroProfile Fault Tolerance's bucket boundaries for durations, in seconds. */
    static final java.util.List<Double> BOUNDARIES = java.util.List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25,
            0.5, 0.75, 1d, 2.5, 5d, 7.5, 10d);

    private final Meter meter;
    private final Map<String, LongCounter> counters = new ConcurrentHashMap<>();
    private final Map<String, DoubleHistogram> histograms = new ConcurrentHashMap<>();

    private OpenTelemetrySink(Meter meter) {
        this.meter = meter;
    }

    /** The sink over the {@code OpenTelemetry} bean, or {@code null} when there is none. */
    static MpMetrics.Sink create(BeanManager beanManager) {
        Instance<OpenTelemetry> otel = beanManager.createInstance().select(OpenTelemetry.class);
        return otel.isResolvable() ? new OpenTelemetrySink(otel.get().getMeter(SCOPE)) : null;
    }

    @Override
    public Runnable counter(String name, String... tags) {
        LongCounter counter = counters.computeIfAbsent(name, n -> meter.counterBuilder(n).build());
        Attributes attributes = attributes(tags);
        counter.add(0, attributes); // so that it exists before the first event, as in MicroProfile Metrics
        return () -> counter.add(1, attributes);
    }

    @Override
    public LongConsumer histogram(String name, String... tags) {
        DoubleHistogram histogram = histograms.computeIfAbsent(name,
                n -> meter.histogramBuilder(n).setUnit("seconds").setExplicitBucketBoundariesAdvice(BOUNDARIES).build());
        Attributes attributes = attributes(tags);
        return nanos -> histogram.record(nanos / 1e9, attributes);
    }

    @Override
    public void gauge(String name, String unit, LongSupplier value, String... tags) {
        Attributes attributes = attributes(tags);
        if (MpMetrics.NANOS.equals(unit)) {
            meter.counterBuilder(name).setUnit(unit)
                    .buildWithCallback(m -> m.record(value.getAsLong(), attributes));
        } else {
            meter.upDownCounterBuilder(name).buildWithCallback(m -> m.record(value.getAsLong(), attributes));
        }
    }

    private static Attributes attributes(String... pairs) {
        AttributesBuilder b = Attributes.builder();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            b.put(pairs[i], pairs[i + 1]);
        }
        return b.build();
    }
}
