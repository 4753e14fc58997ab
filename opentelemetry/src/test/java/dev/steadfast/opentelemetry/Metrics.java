package dev.steadfast.opentelemetry;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;

import java.util.Collection;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/** One collection of an in-memory reader, with short ways to read one point. */
final class Metrics {

    private final Collection<MetricData> collected;

    Metrics(InMemoryMetricReader reader) {
        this.collected = reader.collectAllMetrics();
    }

    Optional<MetricData> metric(String name) {
        return collected.stream().filter(m -> m.getName().equals(name)).findFirst();
    }

    private PointData point(String name, Attributes attributes) {
        MetricData m = metric(name).orElseThrow(() -> new NoSuchElementException("no metric " + name + " in "
                + collected.stream().map(MetricData::getName).toList()));
        List<? extends PointData> points = List.copyOf(m.getData().getPoints());
        return points.stream().filter(p -> p.getAttributes().equals(attributes)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no point " + attributes + " of " + name + " in "
                        + points.stream().map(PointData::getAttributes).toList()));
    }

    long longValue(String name, Attributes attributes) {
        return ((LongPointData) point(name, attributes)).getValue();
    }

    double doubleValue(String name, Attributes attributes) {
        return ((io.opentelemetry.sdk.metrics.data.DoublePointData) point(name, attributes)).getValue();
    }

    HistogramPointData histogram(String name, Attributes attributes) {
        return (HistogramPointData) point(name, attributes);
    }
}
