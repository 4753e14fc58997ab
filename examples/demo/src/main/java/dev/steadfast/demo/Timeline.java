package dev.steadfast.demo;

import dev.steadfast.CallRejected;
import dev.steadfast.CircuitState;
import dev.steadfast.CircuitStateChanged;
import dev.steadfast.FallbackApplied;
import dev.steadfast.RetryAttempted;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The record of a run, second by second: what the load driver saw (each request sent, how it ended and how long it
 * took) and what Steadfast announced through CDI events (breaker state changes, retries, rejections, degraded
 * answers). A
 * {@code @Singleton} bean, so the instance outlives the container for the summary and the report. Thread-safe: client
 * threads, Steadfast's timer and the terminal view use it at once.
 */
@Singleton
public class Timeline {

    /** How a request ended, as its caller saw it. */
    enum Outcome {
        /** A fresh answer from the service. */
        SUCCEEDED,
        /** A cached answer from the fallback. */
        FELL_BACK,
        /** A rejection by the breaker or the bulkhead, with nothing recent cached. */
        REJECTED,
        /** Any other failure (exhausted retries, a timeout) with nothing recent cached. */
        FAILED
    }

    /** Something that started at {@code atMillis} into the run. */
    record Mark<T>(long atMillis, T value) {
    }

    /** What ended in one second of the run: outcomes, retries scheduled, and latency percentiles in milliseconds. */
    record Second(int index, Map<Outcome, Integer> outcomes, int retries, double p50Millis, double p99Millis) {

        int calls() {
            return outcomes.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final LongAdder sent = new LongAdder();
    private final Map<Outcome, LongAdder> outcomes = adders(Outcome.class);
    private final Map<CallRejected.Reason, LongAdder> rejections = adders(CallRejected.Reason.class);
    private final LongAdder retries = new LongAdder();
    private final Map<String, LongAdder> fallbacksByCause = new ConcurrentHashMap<>();
    /** Whether the run has started: the warm-up's calls are not part of it. */
    private volatile boolean started;
    private final List<Mark<Phase>> phases = new CopyOnWriteArrayList<>();
    private final List<CircuitStateChanged> breakerChanges = new CopyOnWriteArrayList<>();
    private final Map<Integer, Bucket> seconds = new ConcurrentHashMap<>();
    private volatile long startNanos = System.nanoTime();
    private volatile Instant startInstant = Instant.now();
    private volatile int lastSecond = Integer.MAX_VALUE;
    private volatile long endMillis = -1;

    /**
     * Starts the clock: time 0 of a run planned to last {@code plannedMillis}, with the breaker closed. Requests that
     * end later (clients finishing their last call) count in the run's last second.
     */
    void start(long plannedMillis) {
        lastSecond = (int) ((plannedMillis - 1) / 1000);
        startNanos = System.nanoTime();
        startInstant = Instant.now();
        started = true;
    }

    /** Stops the clock: nothing happens after this in the run. */
    void finish() {
        endMillis = elapsedMillis();
    }

    void phaseStarted(Phase phase) {
        phases.add(new Mark<>(elapsedMillis(), phase));
    }

    void requestSent() {
        sent.increment();
    }

    void requestEnded(Outcome outcome, long latencyNanos) {
        outcomes.get(outcome).increment();
        bucket().add(outcome, latencyNanos);
    }

    void breakerChanged(@Observes CircuitStateChanged change) {
        if (change.name().equals(QuoteClient.BREAKER)) {
            breakerChanges.add(change);
        }
    }

    void retried(@Observes RetryAttempted retry) {
        retries.increment();
        bucket().retried();
    }

    void rejected(@Observes CallRejected rejection) {
        rejections.get(rejection.reason()).increment();
    }

    /** A degraded answer: the fallback served a cached price. Counted by what it answered for. */
    void fellBack(@Observes FallbackApplied degraded) {
        if (started) {
            fallbacksByCause.computeIfAbsent(degraded.failure().getClass().getSimpleName(), k -> new LongAdder())
                    .increment();
        }
    }

    long elapsedMillis() {
        return endMillis >= 0 ? endMillis : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    Phase currentPhase() {
        return phases.isEmpty() ? Phase.HEALTHY : phases.get(phases.size() - 1).value();
    }

    long sent() {
        return sent.sum();
    }

    long count(Outcome outcome) {
        return outcomes.get(outcome).sum();
    }

    /** Requests sent whose outcome is not recorded: zero once every client has stopped, if nothing got lost. */
    long unaccounted() {
        long ended = 0;
        for (LongAdder adder : outcomes.values()) {
            ended += adder.sum();
        }
        return sent() - ended;
    }

    long rejections(CallRejected.Reason reason) {
        return rejections.get(reason).sum();
    }

    long retries() {
        return retries.sum();
    }

    /** The degraded answers Steadfast announced ({@link FallbackApplied} events) during the run. */
    long fallbacksAnnounced() {
        return fallbacksByCause.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** The degraded answers announced, by the simple name of the failure each answered for, most frequent first. */
    Map<String, Long> fallbacksByCause() {
        Map<String, Long> byCause = new java.util.LinkedHashMap<>();
        fallbacksByCause.entrySet().stream()
                .sorted(Map.Entry.<String, LongAdder>comparingByValue(Comparator.comparingLong(LongAdder::sum))
                        .reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> byCause.put(e.getKey(), e.getValue().sum()));
        return byCause;
    }

    List<Mark<Phase>> phases() {
        return List.copyOf(phases);
    }

    /** The breaker's states in order, starting with CLOSED at 0. */
    List<Mark<CircuitState>> breakerStates() {
        // Ordered by when each change happened, not by when its event arrived: the timer thread that moves the
        // breaker to HALF_OPEN may announce it after a quick trial call has already closed it again.
        List<CircuitStateChanged> changes = new ArrayList<>(breakerChanges);
        changes.sort(Comparator.comparing(CircuitStateChanged::at));
        List<Mark<CircuitState>> states = new ArrayList<>();
        states.add(new Mark<>(0, CircuitState.CLOSED));
        for (CircuitStateChanged change : changes) {
            long at = Math.max(0, Duration.between(startInstant, change.at()).toMillis());
            states.add(new Mark<>(Math.min(at, elapsedMillis()), change.to()));
        }
        return states;
    }

    /** The second {@code index} of the run (empty if nothing ended in it). */
    Second second(int index) {
        Bucket bucket = seconds.get(index);
        return bucket == null ? new Bucket().snapshot(index) : bucket.snapshot(index);
    }

    /** Every second of the run so far, the current one included. */
    List<Second> seconds() {
        List<Second> all = new ArrayList<>();
        for (int i = 0; i <= currentSecond(); i++) {
            all.add(second(i));
        }
        return all;
    }

    /** The latency below which {@code fraction} of all requests ended, in milliseconds. */
    double latencyMillis(double fraction) {
        List<Long> all = new ArrayList<>();
        for (Bucket bucket : seconds.values()) {
            bucket.copyLatenciesInto(all);
        }
        return percentileMillis(all, fraction);
    }

    private int currentSecond() {
        return (int) Math.min(elapsedMillis() / 1000, lastSecond);
    }

    private Bucket bucket() {
        return seconds.computeIfAbsent(currentSecond(), i -> new Bucket());
    }

    private static <E extends Enum<E>> Map<E, LongAdder> adders(Class<E> type) {
        Map<E, LongAdder> map = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            map.put(e, new LongAdder());
        }
        return Collections.unmodifiableMap(map);
    }

    /** Nearest-rank percentile of nanosecond latencies, in milliseconds; 0 for none. Sorts the list. */
    private static double percentileMillis(List<Long> latencies, double fraction) {
        if (latencies.isEmpty()) {
            return 0;
        }
        Collections.sort(latencies);
        int rank = (int) Math.ceil(fraction * latencies.size());
        return latencies.get(Math.max(rank, 1) - 1) / 1e6;
    }

    /** One second's counts; few requests per second, so a lock is simplest. */
    private static final class Bucket {

        private final int[] outcomes = new int[Outcome.values().length];
        private final List<Long> latencies = new ArrayList<>();
        private int retries;

        synchronized void add(Outcome outcome, long latencyNanos) {
            outcomes[outcome.ordinal()]++;
            latencies.add(latencyNanos);
        }

        synchronized void retried() {
            retries++;
        }

        synchronized void copyLatenciesInto(List<Long> into) {
            into.addAll(latencies);
        }

        synchronized Second snapshot(int index) {
            Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
            for (Outcome o : Outcome.values()) {
                counts.put(o, outcomes[o.ordinal()]);
            }
            List<Long> sorted = new ArrayList<>(latencies);
            return new Second(index, counts, retries, percentileMillis(sorted, 0.5), percentileMillis(sorted, 0.99));
        }
    }
}
