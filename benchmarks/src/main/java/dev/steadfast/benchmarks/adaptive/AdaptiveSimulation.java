package dev.steadfast.benchmarks.adaptive;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.VegasLimit;
import dev.steadfast.benchmarks.report.Sections;
import dev.steadfast.engine.bulkhead.AdaptiveLimit;
import dev.steadfast.engine.bulkhead.AdaptiveLimitPolicy;
import dev.steadfast.engine.time.Clock;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The adaptive-limit simulation of docs/overload.md, run side by side for Steadfast's {@link AdaptiveLimit}, Netflix
 * concurrency-limits' {@link Gradient2Limit} and {@link VegasLimit} (0.5.3), and a static limit of 50: a discrete-event
 * simulation in virtual time, deterministic (seeded), no thread and no sleep.
 *
 * <p>The dependency serves {@code capacity} calls at its no-load latency (10 ms, ±10% jitter); a call that starts with
 * {@code n > capacity} calls in flight takes {@code 10 ms × (n / capacity)^1.5} (a server that thrashes past its
 * capacity). Calls arrive at 5,000 per second, more than it can serve. Capacity is 8 for the first 60 s, then 32 for
 * 60 s. Every limiter starts at 50 and admits a call while fewer than its limit are in flight; a rejected call is
 * dropped (counted, not retried).
 *
 * <p>Written to {@code benchmarks/RESULTS.md} by {@code benchmarks/adaptive-sim.sh}, between the markers of its
 * section (the JMH report keeps that section when it rewrites the file).
 */
public final class AdaptiveSimulation {

    static final long MS = 1_000_000L;
    static final long S = 1_000 * MS;
    static final long NO_LOAD = 10 * MS;
    static final long ARRIVAL_EVERY = 200_000L; // 5,000 per second
    static final long PHASE = 60 * S;
    static final long SAMPLE_EVERY = 10 * MS;
    static final int INITIAL = 50;
    static final String BEGIN = "<!-- adaptive-sim:begin -->";
    static final String END = "<!-- adaptive-sim:end -->";

    /** A limiter under test. */
    interface Limiter {
        int limit();

        /** A call was admitted (the simulation checked the limit). */
        default void admitted() {
        }

        void sample(long startNanos, long rttNanos, int inflightAtStart, boolean dropped);
    }

    /** The simulated clock, readable by Steadfast's limit. */
    static final class SimClock implements Clock {
        long now;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public Instant instant() {
            return Instant.EPOCH.plusNanos(now);
        }

        @Override
        public void sleep(long nanos) {
            now += nanos;
        }
    }

    /** What one run measured. */
    record Run(String name, int[] limits, long[] starts, long[] rtts, int calls, int rejected, int[] completedPerSecond) {

        /** Seconds from {@code from} until the limit stays within [lo, hi] up to {@code to}; -1 if it never does. */
        double settles(long from, long to, int lo, int hi) {
            int first = (int) (from / SAMPLE_EVERY);
            int last = (int) (to / SAMPLE_EVERY);
            int settled = -1;
            for (int i = first; i < last && i < limits.length; i++) {
                boolean in = limits[i] >= lo && limits[i] <= hi;
                if (in && settled < 0) {
                    settled = i;
                } else if (!in) {
                    settled = -1;
                }
            }
            // Staying in the band for the phase's last few samples is not settling: ask for at least 10 s.
            boolean lasting = settled >= 0 && (last - settled) * SAMPLE_EVERY >= 10 * S;
            return lasting ? (settled - first) * (double) SAMPLE_EVERY / S : -1;
        }

        /** The limit's mean, standard deviation, least and greatest over [from, to). */
        double[] limitStats(long from, long to) {
            int first = (int) (from / SAMPLE_EVERY);
            int last = Math.min(limits.length, (int) (to / SAMPLE_EVERY));
            double sum = 0;
            double squares = 0;
            int min = Integer.MAX_VALUE;
            int max = Integer.MIN_VALUE;
            for (int i = first; i < last; i++) {
                sum += limits[i];
                squares += (double) limits[i] * limits[i];
                min = Math.min(min, limits[i]);
                max = Math.max(max, limits[i]);
            }
            int n = last - first;
            double mean = sum / n;
            return new double[] {mean, Math.sqrt(Math.max(0, squares / n - mean * mean)), min, max};
        }

        /** The {@code q} quantile of the latency of calls started in [from, to), in multiples of the no-load latency. */
        double latency(long from, long to, double q) {
            long[] in = new long[rtts.length];
            int n = 0;
            for (int i = 0; i < rtts.length; i++) {
                if (starts[i] >= from && starts[i] < to) {
                    in[n++] = rtts[i];
                }
            }
            long[] sorted = Arrays.copyOf(in, n);
            Arrays.sort(sorted);
            return n == 0 ? Double.NaN : sorted[Math.min(n - 1, (int) Math.ceil(q * n) - 1)] / (double) NO_LOAD;
        }

        /** Calls completed per second, on average over [from, to) (whole seconds). */
        double goodput(long from, long to) {
            long sum = 0;
            int first = (int) (from / S);
            int last = (int) (to / S);
            for (int i = first; i < last; i++) {
                sum += completedPerSecond[i];
            }
            return sum / (double) (last - first);
        }
    }

    /** Latency of a call that starts with {@code n} calls in flight (itself included). */
    static long latency(int n, int capacity, SplittableRandom random) {
        double load = n <= capacity ? 1 : Math.pow((double) n / capacity, 1.5);
        return (long) (NO_LOAD * load * (0.9 + 0.2 * random.nextDouble()));
    }

    static int capacityAt(long t) {
        return t < PHASE ? 8 : 32;
    }

    /** Runs one limiter through both phases. */
    static Run run(String name, SimClock clock, Limiter limiter) {
        SplittableRandom random = new SplittableRandom(42);
        // completion time, start time, in flight at start
        PriorityQueue<long[]> running = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        long end = 2 * PHASE;
        int[] limits = new int[(int) (end / SAMPLE_EVERY)];
        int[] perSecond = new int[(int) (end / S)];
        List<long[]> done = new ArrayList<>();
        int calls = 0;
        int rejected = 0;
        int inflight = 0;
        long nextSample = 0;
        for (long t = 0; t < end; t += ARRIVAL_EVERY) {
            for (long[] c; (c = running.peek()) != null && c[0] <= t; ) {
                running.poll();
                clock.now = c[0];
                inflight--;
                limiter.sample(c[1], c[0] - c[1], (int) c[2], false);
                done.add(new long[] {c[1], c[0] - c[1]});
                perSecond[(int) Math.min(perSecond.length - 1, c[0] / S)]++;
            }
            clock.now = t;
            while (nextSample <= t) {
                limits[(int) (nextSample / SAMPLE_EVERY)] = limiter.limit();
                nextSample += SAMPLE_EVERY;
            }
            calls++;
            if (inflight >= limiter.limit()) {
                rejected++;
                continue;
            }
            inflight++;
            limiter.admitted();
            running.add(new long[] {t + latency(inflight, capacityAt(t), random), t, inflight});
        }
        long[] starts = new long[done.size()];
        long[] rtts = new long[done.size()];
        for (int i = 0; i < done.size(); i++) {
            starts[i] = done.get(i)[0];
            rtts[i] = done.get(i)[1];
        }
        return new Run(name, limits, starts, rtts, calls, rejected, perSecond);
    }

    static Run steadfast() {
        SimClock clock = new SimClock();
        AdaptiveLimit limit = new AdaptiveLimit(AdaptiveLimitPolicy.builder().initialLimit(INITIAL).minLimit(1)
                .maxLimit(1000).build(), clock);
        return run("Steadfast AdaptiveLimit", clock, new Limiter() {
            @Override
            public int limit() {
                return limit.limit();
            }

            @Override
            public void admitted() {
                // The simulation counts the calls in flight itself; the limit's own count is kept in step with it.
                if (limit.tryAcquire() < 0) {
                    throw new IllegalStateException("the limit and the simulation disagree on the calls in flight");
                }
            }

            @Override
            public void sample(long startNanos, long rttNanos, int inflightAtStart, boolean dropped) {
                limit.release(startNanos, inflightAtStart, dropped);
            }
        });
    }

    static Run netflix(String name, Limit limit) {
        return run(name, new SimClock(), new Limiter() {
            @Override
            public int limit() {
                return limit.getLimit();
            }

            @Override
            public void sample(long startNanos, long rttNanos, int inflightAtStart, boolean dropped) {
                limit.onSample(startNanos, rttNanos, inflightAtStart, dropped);
            }
        });
    }

    static Run fixed(int value) {
        return run("static limit " + value, new SimClock(), new Limiter() {
            @Override
            public int limit() {
                return value;
            }

            @Override
            public void sample(long startNanos, long rttNanos, int inflightAtStart, boolean dropped) {
            }
        });
    }

    /** Every run, in the table's order. */
    static List<Run> all() {
        return List.of(steadfast(),
                netflix("Netflix Gradient2Limit", Gradient2Limit.newBuilder().initialLimit(INITIAL).minLimit(1)
                        .maxConcurrency(1000).build()),
                netflix("Netflix VegasLimit", VegasLimit.newBuilder().initialLimit(INITIAL).maxConcurrency(1000)
                        .build()),
                fixed(INITIAL));
    }

    static String markdown(List<Run> runs) {
        StringBuilder b = new StringBuilder();
        b.append(BEGIN).append('\n');
        b.append("## Adaptive concurrency limit: simulation against Netflix concurrency-limits\n\n");
        b.append("Written by `benchmarks/adaptive-sim.sh` (`dev.steadfast.benchmarks.adaptive.AdaptiveSimulation`; "
                + "virtual time, no thread, the dependency's jitter seeded: Steadfast's and the static rows are the same "
                + "in every run; Netflix's `VegasLimit` draws its probe interval at random, so its rows vary a little). "
                + "The dependency serves `capacity` calls "
                + "at its no-load latency of 10 ms (±10%); a call starting with n > capacity calls in flight takes "
                + "10 ms × (n / capacity)^1.5. 5,000 calls arrive per second. Capacity is 8 for 60 s, then 32 for "
                + "60 s. Every limiter starts at a limit of 50 (max 1000); a call beyond the limit is rejected. "
                + "Steadfast's `AdaptiveLimit` with its defaults; `Gradient2Limit` and `VegasLimit` of "
                + "`com.netflix.concurrency-limits:concurrency-limits-core:0.5.3` with their defaults (min 1). "
                + "The limit is sampled every 10 ms.\n\n");
        b.append("- **converges**: seconds from the phase's start until the limit stays within the band to the "
                + "phase's end, for at least the last 10 s (capacity 8: [6, 12]; capacity 32: [24, 48]); *never* if "
                + "it does not.\n");
        b.append("- **stability**: the limit's mean ± standard deviation and [least, greatest] over the phase's last "
                + "30 s.\n");
        b.append("- **goodput**: calls completed per second over the phase's last 30 s (the dependency's best: "
                + "800/s at capacity 8, 3,200/s at 32).\n");
        b.append("- **p50 / p99**: latency of the calls started in the phase's last 30 s, in multiples of the "
                + "no-load latency.\n\n");
        b.append("| limiter | capacity | converges | stability (last 30 s) | goodput | p50 | p99 |\n");
        b.append("|---|---:|---:|---|---:|---:|---:|\n");
        for (Run r : runs) {
            for (int phase = 0; phase < 2; phase++) {
                long from = phase * PHASE;
                long to = from + PHASE;
                int capacity = capacityAt(from);
                double settles = r.settles(from, to, phase == 0 ? 6 : 24, phase == 0 ? 12 : 48);
                double[] st = r.limitStats(to - 30 * S, to);
                b.append(String.format(Locale.ROOT, "| %s | %d | %s | %.1f ± %.1f [%d, %d] | %.0f/s | %.2f× | %.2f× |%n",
                        r.name(), capacity, settles < 0 ? "never" : String.format(Locale.ROOT, "%.2f s", settles),
                        st[0], st[1], (int) st[2], (int) st[3], r.goodput(to - 30 * S, to),
                        r.latency(to - 30 * S, to, 0.5), r.latency(to - 30 * S, to, 0.99)));
            }
        }
        b.append('\n').append(END).append('\n');
        return b.toString();
    }

    /** Replaces (or appends) the section between the markers in {@code file}. */
    static void write(Path file, String section) throws IOException {
        Sections.write(file, BEGIN, END, section);
    }

    /** {@code args[0]}: the Markdown file to write the section into; without it, prints the section. */
    public static void main(String[] args) throws IOException {
        String section = markdown(all());
        if (args.length == 0) {
            System.out.print(section);
            return;
        }
        write(Path.of(args[0]), section);
        System.out.print(section);
        System.out.println("Wrote the adaptive-limit section of " + args[0]);
    }

    private AdaptiveSimulation() {
    }
}
