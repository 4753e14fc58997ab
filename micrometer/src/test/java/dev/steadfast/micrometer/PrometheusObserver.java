package dev.steadfast.micrometer;

import dev.steadfast.spi.GuardObserver;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * An application that configures the observer itself: its bean replaces the service-loaded one. The registry is also
 * a bean (of type MeterRegistry too), so if both observers ran, every count would be doubled.
 */
@Singleton
public class PrometheusObserver {

    @Produces
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Produces
    GuardObserver observer() {
        return new MicrometerGuardObserver(registry);
    }
}
