package dev.steadfast.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The application's registry: one SimpleMeterRegistry per container. */
@Singleton
public class TestRegistry {

    @Produces
    final MeterRegistry registry = new SimpleMeterRegistry();
}
