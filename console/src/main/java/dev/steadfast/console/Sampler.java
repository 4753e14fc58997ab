package dev.steadfast.console;

import dev.steadfast.CircuitBreakerStats;
import dev.steadfast.CircuitState;
import dev.steadfast.StateTransition;
import dev.steadfast.console.ConsoleSource.BreakerSample;
import dev.steadfast.console.ConsoleSource.BulkheadSample;
import dev.steadfast.console.ConsoleSource.OperationSample;
import dev.steadfast.console.ConsoleSource.RateLimitSample;
import dev.steadfast.spi.CallOutcome;
import dev.steadfast.spi.GuardedOperation;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Builds snapshots from the {@link ConsoleSource}s, at most about once a second and only when asked: by a watcher of
 * the stream or a request for the JSON snapshot. Nothing runs in between, so nobody watching costs nothing.
 *
 * <p>Each sample copies every source's counters (totals since the start) and keeps, per guarded method, the
 * difference to the previous sample: the calls per second of the last two minutes (the sparkline) and the outcomes
 * and durations of the last ten seconds (error rate, p50, p99). Samples further apart than {@value #GAP_SECONDS}
 * seconds (nobody watched in between) leave a gap in the history instead of an average over the pause.
 *
 * <p>Thread-safe: one lock serializes sampling; the call path never takes it.
 */
final class Sampler {

    private static final System.Logger LOG = System.getLogger("dev.steadfast");
    static final long INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();
    /** A request this soon after a sample gets that sample: watchers a little out of step share one. */
    private static final long MIN_INTERVAL_NANOS = Duration.ofMillis(900).toNanos();
    static final int HISTORY_SECONDS = 120;
    static final int WINDOW_SECONDS = 10;
    static final int GAP_SECONDS = 5;
    /** Samples kept for the history: more than two minutes' worth at the fastest rate. */
    private static final int CAP = 256;
    private static final CallOutcome[] OUTCOMES = CallOutcome.values();

    private final List<ConsoleSource> sources;
    private final FleetSection fleet;
    private final LongSupplier nanoTime;
    private final Clock wall;
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by lock:
    private final Map<String, Track> tracks = new HashMap<>();
    private final long[] sampleSeqs = new long[CAP];
    private final long[] sampleMillis = new long[CAP];
    private long seq;
    private long lastNanos;
    private Snapshot latest;

    Sampler(List<ConsoleSource> sources, LongSupplier nanoTime, Clock wall) {
        this(sources, FleetSection.NONE, nanoTime, wall);
    }

    Sampler(List<ConsoleSource> sources, FleetSection fleet, LongSupplier nanoTime, Clock wall) {
        this.sources = List.copyOf(sources);
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.wall = Objects.requireNonNull(wall, "wall");
    }

    /** The latest snapshot, sampled now unless the last sample is less than 0.9 s old. */
    Snapshot snapshot() {
        lock.lock();
        try {
            long now = nanoTime.getAsLong();
            if (latest == null || now - lastNanos >= MIN_INTERVAL_NANOS) {
                latest = sample(now);
                lastNanos = now;
            }
            return latest;
        } finally {
            lock.unlock();
        }
    }

    /** Nanoseconds until the next sample is due (one interval after the last), at least 1 ms. */
    long nanosUntilDue() {
        lock.lock();
        try {
            return Math.max(Duration.ofMillis(1).toNanos(), lastNanos + INTERVAL_NANOS - nanoTime.getAsLong());
        } finally {
            lock.unlock();
        }
    }

    private Snapshot sample(long now) {
        long millis = wall.millis();
        seq++;
        sampleSeqs[(int) (seq % CAP)] = seq;
        sampleMillis[(int) (seq % CAP)] = millis;

        List<String> members = new ArrayList<>();
        Map<String, OperationTotal> operations = new LinkedHashMap<>();
        Map<String, BreakerTotal> breakers = new LinkedHashMap<>();
        for (ConsoleSource source : sources) {
            try {
                List<OperationSample> ops = source.operations();
                List<BreakerSample> brs = source.breakers();
                members.add(source.member());
                ops.forEach(o -> operations.computeIfAbsent(o.method(), OperationTotal::new).add(o));
                brs.forEach(b -> breakers.computeIfAbsent(b.name(), BreakerTotal::new).add(b));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, () -> "Steadfast console could not read " + source.member()
                        + "; the snapshot leaves it out", e);
            }
        }

        List<Row> rows = new ArrayList<>();
        for (OperationTotal total : operations.values()) {
            Track track = tracks.computeIfAbsent(total.method, m -> new Track());
            track.update(seq, now, total);
            rows.add(new Row(total, track));
        }
        tracks.keySet().retainAll(operations.keySet());

        Map<String, Double> breakerErrorRates = new HashMap<>();
        Map<String, List<String>> breakerMethods = new HashMap<>();
        for (Row r : rows) {
            if (r.total.breaker != null) {
                breakerErrorRates.merge(r.total.breaker, r.track.errorRate(), Math::max);
                breakerMethods.computeIfAbsent(r.total.breaker, b -> new ArrayList<>()).add(r.total.method);
            }
        }
        // Trouble first: a breaker that is not closed, then the error rate of the last ten seconds, then the name.
        Comparator<BreakerTotal> breakerOrder = Comparator.<BreakerTotal>comparingInt(b -> rank(b.state))
                .thenComparing(b -> -breakerErrorRates.getOrDefault(b.name, 0.0))
                .thenComparing(b -> b.name);
        List<BreakerTotal> sortedBreakers = new ArrayList<>(breakers.values());
        sortedBreakers.sort(breakerOrder);
        Comparator<Row> rowOrder = Comparator.<Row>comparingInt(r -> rank(stateOf(breakers, r.total.breaker)))
                .thenComparing(r -> -r.track.errorRate())
                .thenComparing(r -> r.total.method);
        rows.sort(rowOrder);

        Json json = new Json().beginObject();
        json.name("version").value(1);
        json.name("seq").value(seq);
        json.name("time").value(millis);
        json.name("intervalMillis").value(INTERVAL_NANOS / 1_000_000);
        json.name("historySeconds").value(HISTORY_SECONDS);
        json.name("windowSeconds").value(WINDOW_SECONDS);
        json.name("members").beginArray();
        members.forEach(json::value);
        json.endArray();
        long oldest = historyStart(millis);
        json.name("times").beginArray();
        for (long s = oldest; s <= seq; s++) {
            if (sampleSeqs[(int) (s % CAP)] == s) {
                json.value(sampleMillis[(int) (s % CAP)]);
            }
        }
        json.endArray();
        json.name("breakers").beginArray();
        for (BreakerTotal b : sortedBreakers) {
            writeBreaker(json, b, millis, breakerErrorRates.getOrDefault(b.name, 0.0),
                    breakerMethods.getOrDefault(b.name, List.of()));
        }
        json.endArray();
        json.name("operations").beginArray();
        for (Row r : rows) {
            writeOperation(json, r, stateOf(breakers, r.total.breaker), oldest);
        }
        json.endArray();
        try {
            fleet.write(json);
        } catch (RuntimeException e) {
            // Only reading the exchange's copies can fail here; the snapshot goes out without the fleet part.
            LOG.log(Level.WARNING, "Steadfast console could not read the fleet views; the snapshot leaves them out", e);
        }
        json.endObject();
        return new Snapshot(seq, json.toString());
    }

    /** The first sample of the last two minutes. */
    private long historyStart(long millis) {
        long s = seq;
        while (s > 1 && seq - (s - 1) < CAP && sampleSeqs[(int) ((s - 1) % CAP)] == s - 1
                && millis - sampleMillis[(int) ((s - 1) % CAP)] <= HISTORY_SECONDS * 1000L) {
            s--;
        }
        return s;
    }

    private static CircuitState stateOf(Map<String, BreakerTotal> breakers, String name) {
        BreakerTotal b = name == null ? null : breakers.get(name);
        return b == null ? null : b.state;
    }

    /** 0 for an open breaker, 1 for a half-open one, 2 for a closed one or none. */
    private static int rank(CircuitState state) {
        if (state == null) {
            return 2;
        }
        return switch (state) {
            case OPEN, FORCED_OPEN -> 0;
            case HALF_OPEN -> 1;
            case CLOSED -> 2;
        };
    }

    private static void writeBreaker(Json json, BreakerTotal b, long millis, double errorRate, List<String> methods) {
        json.beginObject();
        json.name("name").value(b.name);
        json.name("state").value(b.state.name());
        if (b.since != null) {
            json.name("since").value(b.since.toEpochMilli());
            json.name("inStateMillis").value(Math.max(0, millis - b.since.toEpochMilli()));
        } else {
            json.name("since").nullValue();
            json.name("inStateMillis").nullValue();
        }
        if (b.retryAfter != null) {
            json.name("retryAfterMillis").value(b.retryAfter.toMillis());
        } else {
            json.name("retryAfterMillis").nullValue();
        }
        json.name("errorRate").value(errorRate, 4);
        json.name("stats").beginObject()
                .name("calls").value(b.calls)
                .name("successful").value(b.successful)
                .name("failed").value(b.failed)
                .name("rejected").value(b.rejected)
                .name("stateChanges").value(b.stateChanges)
                .endObject();
        json.name("methods").beginArray();
        methods.stream().sorted().forEach(json::value);
        json.endArray();
        json.name("transitions").beginArray();
        for (StateTransition t : b.transitions) {
            json.beginObject().name("from").value(t.from().name()).name("to").value(t.to().name())
                    .name("at").value(t.at().toEpochMilli()).endObject();
        }
        json.endArray();
        json.endObject();
    }

    private void writeOperation(Json json, Row r, CircuitState breakerState, long oldest) {
        OperationTotal o = r.total;
        Track t = r.track;
        json.beginObject();
        json.name("method").value(o.method);
        json.name("policies").beginArray();
        o.policies.forEach(p -> json.value(p.name()));
        json.endArray();
        json.name("breaker").value(o.breaker);
        json.name("breakerState").value(breakerState == null ? null : breakerState.name());
        json.name("callsPerSecond").value(t.rate, 2);
        json.name("history").beginArray();
        for (long s = oldest; s <= seq; s++) {
            if (sampleSeqs[(int) (s % CAP)] == s) {
                json.value(t.rateAt(s), 2);
            }
        }
        json.endArray();
        long calls = 0;
        for (long c : o.outcomes) {
            calls += c;
        }
        json.name("calls").value(calls);
        outcomes(json.name("outcomes"), o.outcomes);
        json.name("retries").value(o.retries);
        json.name("window").beginObject();
        json.name("seconds").value(t.windowSeconds(), 1);
        json.name("calls").value(t.windowCalls());
        json.name("errorRate").value(t.errorRate(), 4);
        outcomes(json.name("outcomes"), t.windowOutcomes);
        json.name("retries").value(t.windowRetries);
        json.name("p50Millis").value(LatencyHistogram.quantileNanos(t.windowLatency, 0.50) / 1e6, 3);
        json.name("p99Millis").value(LatencyHistogram.quantileNanos(t.windowLatency, 0.99) / 1e6, 3);
        json.endObject();
        if (o.bulkhead != null) {
            json.name("bulkhead").beginObject()
                    .name("maxConcurrent").value(o.bulkhead.maxConcurrent())
                    .name("inUse").value(o.bulkhead.inUse())
                    .name("queued").value(o.bulkhead.queued())
                    .endObject();
        } else {
            json.name("bulkhead").nullValue();
        }
        if (o.rateLimit != null) {
            RateLimitSample l = o.rateLimit;
            int left = Math.max(0, Math.min(l.limit(), l.available()));
            json.name("rateLimit").beginObject()
                    .name("limit").value(l.limit())
                    .name("windowMillis").value(l.window().toMillis())
                    .name("type").value(l.type().name())
                    .name("used").value(l.limit() - left)
                    .name("left").value(left)
                    .endObject();
        } else {
            json.name("rateLimit").nullValue();
        }
        json.endObject();
    }

    private static void outcomes(Json json, long[] counts) {
        json.beginObject();
        for (CallOutcome o : OUTCOMES) {
            json.name(o.name().toLowerCase(Locale.ROOT)).value(counts[o.ordinal()]);
        }
        json.endObject();
    }

    private record Row(OperationTotal total, Track track) {
    }

    /** One method's counters summed over the sources. */
    private static final class OperationTotal {

        final String method;
        final Set<GuardedOperation.Policy> policies = EnumSet.noneOf(GuardedOperation.Policy.class);
        String breaker;
        final long[] outcomes = new long[OUTCOMES.length];
        long retries;
        final long[] latency = new long[LatencyHistogram.BUCKETS];
        BulkheadSample bulkhead;
        RateLimitSample rateLimit;

        OperationTotal(String method) {
            this.method = method;
        }

        void add(OperationSample s) {
            policies.addAll(s.policies());
            if (breaker == null) {
                breaker = s.breaker();
            }
            addInto(outcomes, s.outcomes());
            retries += s.retries();
            addInto(latency, s.latency());
            if (s.bulkhead() != null) {
                BulkheadSample b = s.bulkhead();
                bulkhead = bulkhead == null ? b : new BulkheadSample(bulkhead.maxConcurrent() + b.maxConcurrent(),
                        bulkhead.inUse() + b.inUse(), bulkhead.queued() + b.queued());
            }
            if (s.rateLimit() != null) {
                RateLimitSample r = s.rateLimit();
                rateLimit = rateLimit == null ? r : new RateLimitSample(rateLimit.limit() + r.limit(),
                        rateLimit.window(), rateLimit.type(), rateLimit.available() + r.available());
            }
        }

        private static void addInto(long[] into, long[] more) {
            for (int i = 0; i < Math.min(into.length, more.length); i++) {
                into[i] += more[i];
            }
        }
    }

    /** One breaker merged over the sources: the worst state wins, counters add up, transitions interleave. */
    private static final class BreakerTotal {

        private static final int MAX_TRANSITIONS = 32;

        final String name;
        CircuitState state;
        Instant since;
        Duration retryAfter;
        long calls;
        long successful;
        long failed;
        long rejected;
        long stateChanges;
        final List<StateTransition> transitions = new ArrayList<>();

        BreakerTotal(String name) {
            this.name = name;
        }

        void add(BreakerSample s) {
            if (state == null || rank(s.state()) < rank(state)) {
                state = s.state();
                since = s.since();
                retryAfter = s.retryAfter();
            }
            CircuitBreakerStats st = s.stats();
            calls += st.totalCalls();
            successful += st.successfulCalls();
            failed += st.failedCalls();
            rejected += st.rejectedCalls();
            stateChanges += st.stateChanges();
            transitions.addAll(s.transitions());
            transitions.sort(Comparator.comparing(StateTransition::at));
            while (transitions.size() > MAX_TRANSITIONS) {
                transitions.remove(0);
            }
        }
    }

    /**
     * What the console remembers of one method between samples: the last totals, the calls per second of each sample,
     * and the differences of the last ten seconds with their running sums.
     */
    private static final class Track {

        private long[] lastOutcomes;
        private long lastRetries;
        private long[] lastLatency;
        private long lastNanos;
        final double[] rates = new double[CAP];
        final long[] rateSeqs = new long[CAP];
        double rate = Double.NaN;
        private final ArrayDeque<Delta> window = new ArrayDeque<>();
        final long[] windowOutcomes = new long[OUTCOMES.length];
        long windowRetries;
        final long[] windowLatency = new long[LatencyHistogram.BUCKETS];
        private long now;

        private record Delta(long start, long end, long[] outcomes, long retries, long[] latency) {
        }

        void update(long seq, long now, OperationTotal total) {
            this.now = now;
            rate = Double.NaN;
            if (lastOutcomes != null) {
                long[] outcomes = minus(total.outcomes, lastOutcomes);
                long[] latency = minus(total.latency, lastLatency);
                long retries = total.retries - lastRetries;
                // Totals that went down mean a member restarted: start afresh from these totals.
                if (outcomes != null && latency != null && retries >= 0) {
                    long elapsed = now - lastNanos;
                    if (elapsed > 0 && elapsed <= GAP_SECONDS * INTERVAL_NANOS) {
                        long calls = 0;
                        for (long c : outcomes) {
                            calls += c;
                        }
                        rate = calls * 1e9 / elapsed;
                        rates[(int) (seq % CAP)] = rate;
                        rateSeqs[(int) (seq % CAP)] = seq;
                    }
                    Delta d = new Delta(lastNanos, now, outcomes, retries, latency);
                    window.addLast(d);
                    apply(d, 1);
                }
            }
            while (!window.isEmpty() && now - window.peekFirst().end >= WINDOW_SECONDS * INTERVAL_NANOS) {
                apply(window.removeFirst(), -1);
            }
            lastOutcomes = total.outcomes.clone();
            lastLatency = total.latency.clone();
            lastRetries = total.retries;
            lastNanos = now;
        }

        private void apply(Delta d, int sign) {
            for (int i = 0; i < windowOutcomes.length; i++) {
                windowOutcomes[i] += sign * d.outcomes[i];
            }
            for (int i = 0; i < windowLatency.length; i++) {
                windowLatency[i] += sign * d.latency[i];
            }
            windowRetries += sign * d.retries;
        }

        double rateAt(long seq) {
            return rateSeqs[(int) (seq % CAP)] == seq ? rates[(int) (seq % CAP)] : Double.NaN;
        }

        long windowCalls() {
            long calls = 0;
            for (long c : windowOutcomes) {
                calls += c;
            }
            return calls;
        }

        /** The share of the window's calls that did not succeed on their own (fallbacks and rejections included). */
        double errorRate() {
            long calls = windowCalls();
            return calls == 0 ? 0.0 : (double) (calls - windowOutcomes[CallOutcome.SUCCESS.ordinal()]) / calls;
        }

        double windowSeconds() {
            return window.isEmpty() ? 0.0 : (now - window.peekFirst().start) / 1e9;
        }

        /** {@code a - b} entry by entry, or {@code null} when an entry went down. */
        private static long[] minus(long[] a, long[] b) {
            long[] d = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = a[i] - b[i];
                if (d[i] < 0) {
                    return null;
                }
            }
            return d;
        }
    }
}
