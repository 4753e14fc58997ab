package dev.steadfast.micrometer;

import dev.steadfast.CallRejected;
import dev.steadfast.FallbackApplied;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.spi.CallOutcome;
import dev.steadfast.spi.GuardRecorder;
import dev.steadfast.spi.GuardedOperation;
import dev.steadfast.spi.GuardedOperation.Policy;
import dev.steadfast.spi.ObservedBulkhead;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

import static dev.steadfast.micrometer.MeterNames.*;

/**
 * The meters of one guarded method, registered up front for what its policies make possible (a method without
 * {@code @Retry} gets no retry counter) and on first use for the rest (an outcome can also come from a nested guarded
 * call), so that recording is an array read and an increment.
 */
final class OperationMeters implements GuardRecorder {

    private static final CallOutcome[] OUTCOMES = CallOutcome.values();
    /**
     * The histogram's buckets: the ones the OpenTelemetry HTTP conventions use, 5 ms to 10 s (15 series per method and
     * outcome, where Micrometer's percentile histogram would publish about 70). A {@code MeterFilter} can change them.
     */
    private static final Duration[] BUCKETS = Stream.of(5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000,
            7500, 10000).map(Duration::ofMillis).toArray(Duration[]::new);
    private static final CallRejected.Reason[] REASONS = CallRejected.Reason.values();

    private final MeterRegistry registry;
    private final Consumer<Meter> registered;
    private final Tags tags;
    private final AtomicReferenceArray<Counter> calls = new AtomicReferenceArray<>(OUTCOMES.length);
    private final AtomicReferenceArray<Timer> durations = new AtomicReferenceArray<>(OUTCOMES.length);
    private final AtomicReferenceArray<Counter> rejections = new AtomicReferenceArray<>(REASONS.length);
    /** The refusals of the method's retry budget; registered on the first one (the budget's name comes with it). */
    private volatile Counter refused;
    /** The counters of failure-path events, by {@link Event}. */
    private final AtomicReferenceArray<Counter> events = new AtomicReferenceArray<>(Event.values().length);
    /** Degraded answers by the fallback that answered; registered on its first answer (a chain is a few names). */
    private final Map<String, Counter> fallbacks = new ConcurrentHashMap<>(4);

    /** Failure-path events counted per method, with their meter. */
    private enum Event {
        RETRY(RETRIES, "Retries scheduled after a failed attempt"),
        EXHAUSTED(RETRIES_EXHAUSTED, "Calls whose retries ran out"),
        TIMEOUT(TIMEOUTS, "Attempts that exceeded their timeout");

        final String meter;
        final String description;

        Event(String meter, String description) {
            this.meter = meter;
            this.description = description;
        }
    }

    /** @param registered told every meter registered */
    OperationMeters(MeterRegistry registry, GuardedOperation operation, Consumer<Meter> registered) {
        this.registry = registry;
        this.registered = registered;
        this.tags = Tags.of(METHOD, operation.method());
        for (CallOutcome o : OUTCOMES) {
            if (possible(o, operation)) {
                calls(o);
            }
        }
        if (operation.policies().contains(Policy.RETRY)) {
            event(Event.RETRY);
            event(Event.EXHAUSTED);
        }
        if (operation.policies().contains(Policy.TIMEOUT)) {
            event(Event.TIMEOUT);
        }
        if (operation.policies().contains(Policy.CIRCUIT_BREAKER)) {
            rejections(CallRejected.Reason.CIRCUIT_OPEN);
        }
        if (operation.policies().contains(Policy.BULKHEAD)) {
            rejections(CallRejected.Reason.BULKHEAD_FULL);
        }
        if (operation.policies().contains(Policy.RATE_LIMIT)) {
            rejections(CallRejected.Reason.RATE_LIMITED);
        }
        operation.bulkhead().ifPresent(this::gauges);
    }

    private static boolean possible(CallOutcome o, GuardedOperation operation) {
        return switch (o) {
            case SUCCESS, FAILURE -> true;
            case FALLBACK -> operation.policies().contains(Policy.FALLBACK);
            case TIMED_OUT -> operation.policies().contains(Policy.TIMEOUT);
            case CIRCUIT_OPEN -> operation.policies().contains(Policy.CIRCUIT_BREAKER);
            case BULKHEAD_FULL -> operation.policies().contains(Policy.BULKHEAD);
            case RATE_LIMITED -> operation.policies().contains(Policy.RATE_LIMIT);
        };
    }

    private void gauges(ObservedBulkhead bulkhead) {
        // Strong references: the gauge must live as long as the registry, whoever else holds the view.
        track(Gauge.builder(BULKHEAD_IN_USE, bulkhead, ObservedBulkhead::inUse)
                .description("Calls holding a bulkhead permit").tags(tags).strongReference(true).register(registry));
        track(Gauge.builder(BULKHEAD_LIMIT, bulkhead, ObservedBulkhead::maxConcurrent)
                .description("The bulkhead's limit; an adaptive bulkhead's moves with the dependency's latency")
                .tags(tags).strongReference(true).register(registry));
        track(Gauge.builder(BULKHEAD_QUEUED, bulkhead, ObservedBulkhead::queued)
                .description("Calls waiting for a bulkhead permit").tags(tags).strongReference(true)
                .register(registry));
    }

    @Override
    public void completed(CallOutcome outcome, long durationNanos) {
        calls(outcome).increment();
        duration(outcome).record(durationNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void retryScheduled(int attempt, Throwable failure, Duration delay) {
        event(Event.RETRY).increment();
    }

    @Override
    public void retriesExhausted(RetryExhaustedException exception) {
        event(Event.EXHAUSTED).increment();
    }

    @Override
    public void retryRefused(int attempt, String budget) {
        Counter c = refused;
        if (c == null) {
            // A race registers the same meter twice: the registry returns the one it has; tracked once or twice.
            c = Counter.builder(RETRIES_REFUSED).description("Retries a retry budget refused").tags(tags)
                    .tag(BUDGET, budget).register(registry);
            refused = track(c);
        }
        c.increment();
    }

    @Override
    public void fallbackApplied(FallbackApplied event) {
        Counter c = fallbacks.get(event.fallback());
        if (c == null) {
            c = fallbacks.computeIfAbsent(event.fallback(), name -> track(Counter.builder(FALLBACKS)
                    .description("Degraded answers: calls a fallback answered").tags(tags).tag(FALLBACK, name)
                    .register(registry)));
        }
        c.increment();
    }

    @Override
    public void timedOut(Duration timeout) {
        event(Event.TIMEOUT).increment();
    }

    @Override
    public void rejected(CallRejected.Reason reason) {
        rejections(reason).increment();
    }

    private Counter calls(CallOutcome o) {
        Counter c = calls.get(o.ordinal());
        if (c == null) {
            // Racing threads get the same meter from the registry; the winner of the CAS tracks it.
            c = Counter.builder(CALLS).description("Calls of a guarded method by outcome").tags(tags)
                    .tag(OUTCOME, tagValue(o)).register(registry);
            if (calls.compareAndSet(o.ordinal(), null, c)) {
                track(c);
            }
        }
        return c;
    }

    private Timer duration(CallOutcome o) {
        Timer t = durations.get(o.ordinal());
        if (t == null) {
            t = Timer.builder(CALL_DURATION).description("Duration of the calls of a guarded method, all attempts")
                    .tags(tags).tag(OUTCOME, tagValue(o)).serviceLevelObjectives(BUCKETS).register(registry);
            if (durations.compareAndSet(o.ordinal(), null, t)) {
                track(t);
            }
        }
        return t;
    }

    private Counter event(Event e) {
        Counter c = events.get(e.ordinal());
        if (c == null) {
            c = Counter.builder(e.meter).description(e.description).tags(tags).register(registry);
            if (events.compareAndSet(e.ordinal(), null, c)) {
                track(c);
            }
        }
        return c;
    }

    private Counter rejections(CallRejected.Reason reason) {
        Counter c = rejections.get(reason.ordinal());
        if (c == null) {
            c = Counter.builder(REJECTED).description("Attempts rejected without running").tags(tags)
                    .tag(REASON, tagValue(reason)).register(registry);
            if (rejections.compareAndSet(reason.ordinal(), null, c)) {
                track(c);
            }
        }
        return c;
    }

    private <M extends Meter> M track(M meter) {
        registered.accept(meter);
        return meter;
    }

    static String tagValue(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "Micrometer meters of " + tags;
    }
}
