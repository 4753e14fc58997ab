package dev.steadfast.micrometer;

import dev.steadfast.spi.BreakerRecorder;
import dev.steadfast.spi.GuardObserver;
import dev.steadfast.spi.GuardRecorder;
import dev.steadfast.spi.GuardedOperation;
import dev.steadfast.spi.KeyedBreakerRecorder;
import dev.steadfast.spi.ObservedBreakerFamily;
import dev.steadfast.spi.ObservedBreaker;
import dev.steadfast.spi.ObserverContext;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Publishes Steadfast's metrics to a Micrometer {@link MeterRegistry}: per guarded method, calls by outcome, their
 * duration, retries, timeouts, rejections and the bulkhead's use; per circuit breaker, its state, transitions and
 * time spent open. The names and tags are in this module's README and in {@link MeterNames}.
 *
 * <p>Found by {@link java.util.ServiceLoader} when this module is on the classpath; nothing to configure. The
 * registry: the application's {@code MeterRegistry} CDI bean when exactly one resolves, else
 * {@link Metrics#globalRegistry}. To choose another, declare a CDI bean of this class built with
 * {@link #MicrometerGuardObserver(MeterRegistry)}; it replaces the service-loaded one.
 *
 * <p>Every meter is registered when the chains are built (at deployment), so an idle method shows zeros; the per-call
 * work is one counter increment and one timer record, with no lookup and no allocation. When the application stops,
 * the meters it registered are removed from the registry (a redeployed application starts afresh).
 */
public final class MicrometerGuardObserver implements GuardObserver {

    private final MeterRegistry configured;
    private volatile MeterRegistry registry;
    /** Every meter registered, to remove them when the application stops. */
    private final List<Meter> registered = new CopyOnWriteArrayList<>();

    /** Uses the application's {@code MeterRegistry} bean if there is exactly one, else the global registry. */
    public MicrometerGuardObserver() {
        this.configured = null;
    }

    /** Uses {@code registry}. */
    public MicrometerGuardObserver(MeterRegistry registry) {
        this.configured = Objects.requireNonNull(registry, "registry");
        this.registry = registry;
    }

    @Override
    public void init(ObserverContext context) {
        if (configured == null) {
            registry = context.find(MeterRegistry.class).orElse(Metrics.globalRegistry);
        }
    }

    /** The registry in use; the global one until {@link #init} found another. */
    public MeterRegistry registry() {
        MeterRegistry r = registry;
        return r != null ? r : Metrics.globalRegistry;
    }

    @Override
    public GuardRecorder observeOperation(GuardedOperation operation) {
        return new OperationMeters(registry(), operation, registered::add);
    }

    @Override
    public BreakerRecorder observeBreaker(ObservedBreaker breaker) {
        return new BreakerMeters(registry(), breaker, registered::add);
    }

    @Override
    public KeyedBreakerRecorder observeBreakerFamily(ObservedBreakerFamily family) {
        return new FamilyMeters(registry(), family, registered::add);
    }

    @Override
    public void close() {
        MeterRegistry r = registry();
        for (Meter m : registered) {
            r.remove(m);
        }
        registered.clear();
    }

    @Override
    public String toString() {
        return "MicrometerGuardObserver[" + registry().getClass().getSimpleName() + "]";
    }
}
