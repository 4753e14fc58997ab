package dev.steadfast.micrometer;

import dev.steadfast.CircuitState;
import dev.steadfast.CircuitStateChanged;
import dev.steadfast.spi.BreakerRecorder;
import dev.steadfast.spi.ObservedBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

import static dev.steadfast.micrometer.MeterNames.*;
import static dev.steadfast.micrometer.OperationMeters.tagValue;

/** The meters of one circuit breaker (once per breaker, however many methods share it). */
final class BreakerMeters implements BreakerRecorder {

    private static final CircuitState[] STATES = CircuitState.values();

    private final MeterRegistry registry;
    private final Consumer<Meter> registered;
    /** Transitions this instance decided ({@code origin="local"}), the common case, without a map lookup. */
    private final AtomicReferenceArray<Counter> transitions = new AtomicReferenceArray<>(STATES.length * STATES.length);
    /** Transitions a fleet member decided, by {@code from>to@origin}. */
    private final Map<String, Counter> fleetTransitions = new ConcurrentHashMap<>();
    private final Tags tags;

    /** @param registered told every meter registered */
    BreakerMeters(MeterRegistry registry, ObservedBreaker breaker, Consumer<Meter> registered) {
        this.registry = registry;
        this.registered = registered;
        this.tags = Tags.of(BREAKER, breaker.name());
        for (CircuitState s : CircuitState.values()) {
            registered.accept(Gauge.builder(BREAKER_STATE, breaker, b -> b.state() == s ? 1 : 0)
                    .description("1 for the circuit breaker's current state, 0 for the others")
                    .tags(tags).tag(STATE, tagValue(s)).strongReference(true).register(registry));
        }
        // Holds the view weakly; the state gauges above hold it strongly, as long as the registry keeps them.
        registered.accept(FunctionCounter.builder(BREAKER_OPEN_TIME, breaker, b -> b.timeOpen().toNanos() / 1e9)
                .description("Time the circuit breaker spent open or forced open").baseUnit("seconds")
                .tags(tags).register(registry));
        // The breaker's cycle shows from the start; operators' moves (forced open, reset) on first use.
        transitions(CircuitState.CLOSED, CircuitState.OPEN);
        transitions(CircuitState.OPEN, CircuitState.HALF_OPEN);
        transitions(CircuitState.HALF_OPEN, CircuitState.CLOSED);
        transitions(CircuitState.HALF_OPEN, CircuitState.OPEN);
    }

    @Override
    public void stateChanged(CircuitState from, CircuitState to, Instant at) {
        transitions(from, to).increment();
    }

    /** A fleet-wide breaker's transitions carry the member that decided them in {@code origin}. */
    @Override
    public void stateChanged(CircuitState from, CircuitState to, Instant at, String origin) {
        if (CircuitStateChanged.LOCAL.equals(origin)) {
            transitions(from, to).increment();
            return;
        }
        fleetTransitions.computeIfAbsent(from + ">" + to + "@" + origin, k -> {
            Counter c = transition(from, to, origin);
            registered.accept(c);
            return c;
        }).increment();
    }

    private Counter transitions(CircuitState from, CircuitState to) {
        int i = from.ordinal() * STATES.length + to.ordinal();
        Counter c = transitions.get(i);
        if (c == null) {
            // A race registers the same meter twice: the registry returns the one it has.
            c = transition(from, to, CircuitStateChanged.LOCAL);
            if (transitions.compareAndSet(i, null, c)) {
                registered.accept(c);
            }
        }
        return c;
    }

    private Counter transition(CircuitState from, CircuitState to, String origin) {
        return Counter.builder(BREAKER_TRANSITIONS).description("Circuit breaker state transitions").tags(tags)
                .tag(FROM, tagValue(from)).tag(TO, tagValue(to)).tag(ORIGIN, origin).register(registry);
    }

    @Override
    public String toString() {
        return "Micrometer meters of " + tags;
    }
}
