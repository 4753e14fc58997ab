package dev.steadfast.micrometer;

import dev.steadfast.CircuitState;
import dev.steadfast.spi.KeyedBreakerRecorder;
import dev.steadfast.spi.ObservedBreakerFamily;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import static dev.steadfast.micrometer.MeterNames.BREAKER;
import static dev.steadfast.micrometer.MeterNames.BREAKER_KEYS;
import static dev.steadfast.micrometer.MeterNames.BREAKER_KEYS_EVICTED;
import static dev.steadfast.micrometer.MeterNames.BREAKER_KEY_TRANSITIONS;
import static dev.steadfast.micrometer.MeterNames.FROM;
import static dev.steadfast.micrometer.MeterNames.KEY;
import static dev.steadfast.micrometer.MeterNames.STATE;
import static dev.steadfast.micrometer.MeterNames.TO;
import static dev.steadfast.micrometer.OperationMeters.tagValue;

/**
 * The meters of one keyed circuit breaker: keys per state, evictions, and the keys' transitions tagged with the key's
 * text only for the keys most in trouble ({@link ObservedBreakerFamily#tagOf}), so that the series stay bounded however
 * many keys there are.
 */
final class FamilyMeters implements KeyedBreakerRecorder {

    private final MeterRegistry registry;
    private final Consumer<Meter> registered;
    private final Tags tags;
    /** Transition counters by "tag from to"; bounded by the family's named keys. */
    private final Map<String, Counter> transitions = new ConcurrentHashMap<>();

    FamilyMeters(MeterRegistry registry, ObservedBreakerFamily family, Consumer<Meter> registered) {
        this.registry = registry;
        this.registered = registered;
        this.tags = Tags.of(BREAKER, family.name());
        for (CircuitState s : CircuitState.values()) {
            registered.accept(Gauge.builder(BREAKER_KEYS, family, f -> f.count(s))
                    .description("Keys of a keyed circuit breaker in each state").tags(tags).tag(STATE, tagValue(s))
                    .strongReference(true).register(registry));
        }
        registered.accept(FunctionCounter.builder(BREAKER_KEYS_EVICTED, family, ObservedBreakerFamily::evictions)
                .description("CLOSED keys a keyed circuit breaker evicted").tags(tags).register(registry));
    }

    @Override
    public void stateChanged(Object key, String tag, CircuitState from, CircuitState to, Instant at) {
        transitions.computeIfAbsent(tag + ' ' + from + ' ' + to, k -> {
            Counter c = Counter.builder(BREAKER_KEY_TRANSITIONS)
                    .description("State transitions of a keyed circuit breaker's keys").tags(tags).tag(KEY, tag)
                    .tag(FROM, tagValue(from)).tag(TO, tagValue(to)).register(registry);
            registered.accept(c);
            return c;
        }).increment();
    }

    @Override
    public String toString() {
        return "Micrometer meters of keyed " + tags;
    }
}
