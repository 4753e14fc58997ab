package dev.steadfast.opentelemetry;

import dev.steadfast.CircuitState;
import dev.steadfast.CircuitStateChanged;
import dev.steadfast.spi.BreakerRecorder;
import dev.steadfast.spi.KeyedBreakerRecorder;
import dev.steadfast.spi.ObservedBreakerFamily;
import dev.steadfast.spi.ObservedBreaker;
import dev.steadfast.spi.ObservedBulkhead;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The instruments of one {@link OpenTelemetryGuardObserver}, shared by every method; observable instruments read the
 * live views of every bulkhead and breaker observed so far in one callback each.
 */
public final class Instruments {

    /** The instrumentation scope. */
    public static final String SCOPE = "dev.steadfast";

    /** Histogram (s): call duration by method and outcome; its count is the calls by outcome. */
    public static final String CALL_DURATION = "steadfast.call.duration";
    /** Counter: retries scheduled after a failed attempt, by method. */
    public static final String RETRIES = "steadfast.retries";
    /** Counter: calls whose retries ran out, by method. */
    public static final String RETRIES_EXHAUSTED = "steadfast.retries.exhausted";
    /** Counter: retries a retry budget refused (each ended its call), by method and budget. */
    public static final String RETRIES_REFUSED = "steadfast.retries.refused";
    /**
     * Counter: degraded answers (a fallback answered), by method and the fallback of the chain that answered (its
     * method's name, its handler's class or a guard's handler name: as many values as the chain has fallbacks).
     */
    public static final String FALLBACKS = "steadfast.fallbacks";
    /** UpDownCounter (observable): the bulkhead's limit (moving, for an adaptive bulkhead), by method. */
    public static final String BULKHEAD_LIMIT = "steadfast.bulkhead.limit";
    /** UpDownCounter (observable): keys of a keyed breaker in each state, by breaker and state. */
    public static final String BREAKER_KEYS = "steadfast.circuit_breaker.keys";
    /**
     * Counter: state transitions of a keyed breaker's keys, by breaker, key (the key's text for the keys most in
     * trouble, else {@code other}), previous state and state.
     */
    public static final String BREAKER_KEY_TRANSITIONS = "steadfast.circuit_breaker.key.transitions";

    /** Counter: attempts that exceeded their timeout, by method. */
    public static final String TIMEOUTS = "steadfast.timeouts";
    /** Counter: attempts rejected without running, by method and rejection reason. */
    public static final String REJECTIONS = "steadfast.rejections";
    /** UpDownCounter (observable): calls holding a bulkhead permit, by method. */
    public static final String BULKHEAD_IN_USE = "steadfast.bulkhead.in_use";
    /** UpDownCounter (observable): calls waiting for a bulkhead permit, by method. */
    public static final String BULKHEAD_QUEUED = "steadfast.bulkhead.queued";
    /** UpDownCounter (observable): 1 for the breaker's current state, 0 for the others, by breaker and state. */
    public static final String BREAKER_STATE = "steadfast.circuit_breaker.state";
    /** Counter: state transitions, by breaker, previous state and state. */
    public static final String BREAKER_TRANSITIONS = "steadfast.circuit_breaker.transitions";
    /** Counter (observable, s): time spent open or forced open, by breaker. */
    public static final String BREAKER_OPEN_TIME = "steadfast.circuit_breaker.open.time";

    public static final AttributeKey<String> METHOD = AttributeKey.stringKey("steadfast.method");
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("steadfast.outcome");
    public static final AttributeKey<String> REASON = AttributeKey.stringKey("steadfast.rejection.reason");
    public static final AttributeKey<String> BREAKER = AttributeKey.stringKey("steadfast.circuit_breaker.name");
    public static final AttributeKey<String> STATE = AttributeKey.stringKey("steadfast.circuit_breaker.state");
    public static final AttributeKey<String> BUDGET = AttributeKey.stringKey("steadfast.retry_budget.name");
    public static final AttributeKey<String> KEY = AttributeKey.stringKey("steadfast.circuit_breaker.key");
    public static final AttributeKey<String> FALLBACK = AttributeKey.stringKey("steadfast.fallback.name");
    public static final AttributeKey<String> PREVIOUS_STATE =
            AttributeKey.stringKey("steadfast.circuit_breaker.previous_state");
    /** Who decided a transition: {@code local}, or the fleet member's id (a {@code CLUSTER} breaker). */
    public static final AttributeKey<String> ORIGIN = AttributeKey.stringKey("steadfast.circuit_breaker.origin");

    /** Seconds, finer than the SDK's default (milliseconds-shaped) buckets; as the HTTP semantic conventions do. */
    private static final List<Double> BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0,
            2.5, 5.0, 7.5, 10.0);
    private static final CircuitState[] STATES = CircuitState.values();

    final DoubleHistogram duration;
    final LongCounter retries;
    final LongCounter exhausted;
    final LongCounter timeouts;
    final LongCounter rejections;
    final LongCounter transitions;
    final LongCounter refused;
    final LongCounter keyTransitions;
    final LongCounter fallbacks;

    /** The observable instruments, closed (their callbacks dropped) when the application stops. */
    private final List<AutoCloseable> observable = new CopyOnWriteArrayList<>();
    private final List<Bulkhead> bulkheads = new CopyOnWriteArrayList<>();
    private final List<Breaker> breakers = new CopyOnWriteArrayList<>();
    private final List<Family> families = new CopyOnWriteArrayList<>();

    Instruments(Meter meter) {
        duration = meter.histogramBuilder(CALL_DURATION).setUnit("s")
                .setDescription("Duration of the calls of a guarded method, all attempts included")
                .setExplicitBucketBoundariesAdvice(BUCKETS).build();
        retries = meter.counterBuilder(RETRIES).setUnit("{retry}")
                .setDescription("Retries scheduled after a failed attempt").build();
        exhausted = meter.counterBuilder(RETRIES_EXHAUSTED).setUnit("{call}")
                .setDescription("Calls whose retries ran out").build();
        timeouts = meter.counterBuilder(TIMEOUTS).setUnit("{attempt}")
                .setDescription("Attempts that exceeded their timeout").build();
        rejections = meter.counterBuilder(REJECTIONS).setUnit("{attempt}")
                .setDescription("Attempts rejected without running").build();
        transitions = meter.counterBuilder(BREAKER_TRANSITIONS).setUnit("{transition}")
                .setDescription("Circuit breaker state transitions").build();
        refused = meter.counterBuilder(RETRIES_REFUSED).setUnit("{retry}")
                .setDescription("Retries a retry budget refused").build();
        fallbacks = meter.counterBuilder(FALLBACKS).setUnit("{call}")
                .setDescription("Degraded answers: calls a fallback answered").build();
        keyTransitions = meter.counterBuilder(BREAKER_KEY_TRANSITIONS).setUnit("{transition}")
                .setDescription("State transitions of a keyed circuit breaker's keys").build();
        observable.add(meter.upDownCounterBuilder(BULKHEAD_LIMIT).setUnit("{call}")
                .setDescription("The bulkhead's limit; an adaptive bulkhead's moves with the dependency's latency")
                .buildWithCallback(m -> bulkheads.forEach(b -> m.record(b.view.maxConcurrent(), b.attributes))));
        observable.add(meter.upDownCounterBuilder(BREAKER_KEYS).setUnit("{key}")
                .setDescription("Keys of a keyed circuit breaker in each state")
                .buildWithCallback(m -> families.forEach(f -> {
                    for (CircuitState s : STATES) {
                        m.record(f.view.count(s), f.byState[s.ordinal()]);
                    }
                })));
        observable.add(meter.upDownCounterBuilder(BULKHEAD_IN_USE).setUnit("{call}")
                .setDescription("Calls holding a bulkhead permit")
                .buildWithCallback(m -> bulkheads.forEach(b -> m.record(b.view.inUse(), b.attributes))));
        observable.add(meter.upDownCounterBuilder(BULKHEAD_QUEUED).setUnit("{call}")
                .setDescription("Calls waiting for a bulkhead permit")
                .buildWithCallback(m -> bulkheads.forEach(b -> m.record(b.view.queued(), b.attributes))));
        observable.add(meter.upDownCounterBuilder(BREAKER_STATE).setUnit("{state}")
                .setDescription("1 for the circuit breaker's current state, 0 for the others")
                .buildWithCallback(m -> breakers.forEach(b -> {
                    CircuitState now = b.view.state();
                    for (CircuitState s : STATES) {
                        m.record(s == now ? 1 : 0, b.byState[s.ordinal()]);
                    }
                })));
        observable.add(meter.counterBuilder(BREAKER_OPEN_TIME).ofDoubles().setUnit("s")
                .setDescription("Time the circuit breaker spent open or forced open")
                .buildWithCallback(m -> breakers.forEach(b -> m.record(b.view.timeOpen().toNanos() / 1e9,
                        b.attributes))));
    }

    /** Drops the callbacks of the observable instruments and the views they read. */
    void close() {
        for (AutoCloseable c : observable) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + c + " failed", e);
            }
        }
        observable.clear();
        bulkheads.clear();
        breakers.clear();
        families.clear();
    }

    void bulkhead(ObservedBulkhead view, Attributes attributes) {
        bulkheads.add(new Bulkhead(view, attributes));
    }

    BreakerRecorder breaker(ObservedBreaker view) {
        Breaker b = new Breaker(view);
        breakers.add(b);
        return b;
    }

    KeyedBreakerRecorder family(ObservedBreakerFamily view) {
        Family f = new Family(view);
        families.add(f);
        return f;
    }

    static String value(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private record Bulkhead(ObservedBulkhead view, Attributes attributes) {
    }

    /** One keyed breaker's attributes, and its keys' transitions with bounded key attributes. */
    private final class Family implements KeyedBreakerRecorder {

        final ObservedBreakerFamily view;
        final Attributes[] byState = new Attributes[STATES.length];
        final Map<String, Attributes> byTransition = new ConcurrentHashMap<>();

        Family(ObservedBreakerFamily view) {
            this.view = view;
            for (CircuitState s : STATES) {
                byState[s.ordinal()] = Attributes.of(BREAKER, view.name(), STATE, value(s));
            }
        }

        @Override
        public void stateChanged(Object key, String tag, CircuitState from, CircuitState to, java.time.Instant at) {
            keyTransitions.add(1, byTransition.computeIfAbsent(tag + ' ' + from + ' ' + to, k -> Attributes.builder()
                    .put(BREAKER, view.name()).put(KEY, tag).put(PREVIOUS_STATE, value(from)).put(STATE, value(to))
                    .build()));
        }

        @Override
        public String toString() {
            return "OpenTelemetry instruments of keyed circuit '" + view.name() + "'";
        }
    }

    /** One breaker's attributes, prepared once, and its transitions. */
    private final class Breaker implements BreakerRecorder {

        final ObservedBreaker view;
        final Attributes attributes;
        final Attributes[] byState = new Attributes[STATES.length];
        final Attributes[][] byTransition = new Attributes[STATES.length][STATES.length];

        Breaker(ObservedBreaker view) {
            this.view = view;
            this.attributes = Attributes.of(BREAKER, view.name());
            for (CircuitState s : STATES) {
                byState[s.ordinal()] = Attributes.of(BREAKER, view.name(), STATE, value(s));
                for (CircuitState from : STATES) {
                    byTransition[from.ordinal()][s.ordinal()] = Attributes.of(BREAKER, view.name(),
                            PREVIOUS_STATE, value(from), STATE, value(s), ORIGIN, CircuitStateChanged.LOCAL);
                }
            }
        }

        @Override
        public void stateChanged(CircuitState from, CircuitState to, java.time.Instant at) {
            transitions.add(1, byTransition[from.ordinal()][to.ordinal()]);
        }

        /** A fleet-wide breaker's transitions carry the member that decided them in the origin attribute. */
        @Override
        public void stateChanged(CircuitState from, CircuitState to, java.time.Instant at, String origin) {
            transitions.add(1, CircuitStateChanged.LOCAL.equals(origin) ? byTransition[from.ordinal()][to.ordinal()]
                    : Attributes.of(BREAKER, view.name(), PREVIOUS_STATE, value(from), STATE, value(to), ORIGIN,
                            origin));
        }

        @Override
        public String toString() {
            return "OpenTelemetry instruments of circuit '" + view.name() + "'";
        }
    }
}
