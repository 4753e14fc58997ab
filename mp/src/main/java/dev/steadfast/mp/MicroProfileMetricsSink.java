package dev.steadfast.mp;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.util.AnnotationLiteral;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricType;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryType;

import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * {@link MpMetrics.Sink} over the MicroProfile Metrics base registry ({@code @RegistryType(type = BASE)}, MicroProfile
 * Metrics 4.0). Only loaded when the Metrics API is on the class path.
 */
final class MicroProfileMetricsSink implements MpMetrics.Sink {

    private final MetricRegistry registry;

    private MicroProfileMetricsSink(MetricRegistry registry) {
        this.registry = registry;
    }

    /** The sink over the base registry, or {@code null} when no Metrics implementation offers one. */
    static MpMetrics.Sink create(BeanManager beanManager) {
        Instance<MetricRegistry> base = beanManager.createInstance().select(MetricRegistry.class, new Base());
        return base.isResolvable() ? new MicroProfileMetricsSink(base.get()) : null;
    }

    @Override
    public Runnable counter(String name, String... tags) {
        Counter c = registry.counter(Metadata.builder().withName(name).withType(MetricType.COUNTER).build(),
                tags(tags));
        return c::inc;
    }

    @Override
    public LongConsumer histogram(String name, String... tags) {
        Histogram h = registry.histogram(Metadata.builder().withName(name).withType(MetricType.HISTOGRAM)
                .withUnit(MpMetrics.NANOS).build(), tags(tags));
        return h::update;
    }

    @Override
    public void gauge(String name, String unit, LongSupplier value, String... tags) {
        var metadata = Metadata.builder().withName(name).withType(MetricType.GAUGE);
        if (unit != null) {
            metadata.withUnit(unit);
        }
        Gauge<Long> gauge = value::getAsLong;
        try {
            registry.register(metadata.build(), gauge, tags(tags));
        } catch (IllegalArgumentException alreadyThere) {
            // an overload of the same method name registered it: they share the metric, as MicroProfile names them
        }
    }

    private static Tag[] tags(String... pairs) {
        Tag[] tags = new Tag[pairs.length / 2];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = new Tag(pairs[2 * i], pairs[2 * i + 1]);
        }
        return tags;
    }

    /** {@code @RegistryType(type = BASE)}. */
    @SuppressWarnings("all")
    private static final class Base extends AnnotationLiteral<RegistryType> implements RegistryType {

        private static final long serialVersionUID = 1L;

        @Override
        public MetricRegistry.Type type() {
            return MetricRegistry.Type.BASE;
        }
    }
}
