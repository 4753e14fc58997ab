package dev.steadfast.engine.bulkhead;

import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.time.ManualClock;
import dev.steadfast.engine.time.ManualTimer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.IntSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The adaptive bulkhead against a simulated dependency, in virtual time ({@link ManualClock}, {@link ManualTimer}): the
 * dependency serves {@code capacity} calls at its no-load latency (10 ms ±10%), and a call that starts with
 * {@code n > capacity} calls in flight takes {@code 10 ms × (n / capacity)^1.5}. 5,000 calls arrive per second. The
 * calls go through the real staged strategy; each completes on the manual timer. (benchmarks/adaptive-sim.sh runs the
 * same dependency against Netflix's limits.)
 */
class AdaptiveBulkheadSimulationTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;
    private static final long NO_LOAD = 10 * MS;
    private static final long STEP = 100_000L; // 0.1 ms: completions are at most this late
    private static final long ARRIVAL_EVERY = 2 * STEP;
    private static final long SAMPLE_EVERY = 10 * MS;

    /** One simulated run: the limit every 10 ms, and each completed call's start and latency. */
    private static final class Run {
        final List<Integer> limits = new ArrayList<>();
        final List<long[]> calls = new ArrayList<>();

        /** Seconds from {@code from} until the limit stays within [lo, hi] to {@code to}; -1 when it never does. */
        double settles(long from, long to, int lo, int hi) {
            int settled = -1;
            for (int i = (int) (from / SAMPLE_EVERY); i < to / SAMPLE_EVERY; i++) {
                boolean in = limits.get(i) >= lo && limits.get(i) <= hi;
                settled = in ? (settled < 0 ? i : settled) : -1;
            }
            return settled < 0 ? -1 : (settled * SAMPLE_EVERY - from) / (double) S;
        }

        /** The p99 latency of calls started in [from, to), in multiples of the no-load latency. */
        double p99(long from, long to) {
            long[] rtts = calls.stream().filter(c -> c[0] >= from && c[0] < to).mapToLong(c -> c[1]).sorted()
                    .toArray();
            return rtts[(int) Math.ceil(0.99 * rtts.length) - 1] / (double) NO_LOAD;
        }

        String limitsBetween(long from, long to) {
            return limits.subList((int) (from / SAMPLE_EVERY), (int) (to / SAMPLE_EVERY)).toString();
        }
    }

    /**
     * Runs {@code bulkhead} (built on the dependency) for {@code phases.length} phases of {@code phaseNanos}, capacity
     * {@code phases[i]} in phase i.
     */
    private static Run simulate(ManualClock clock, ManualTimer timer, Strategy<CompletionStage<Object>> bulkhead,
            IntSupplier inflight, IntSupplier limit, long phaseNanos, int... phases) throws Exception {
        Run run = new Run();
        SplittableRandom random = new SplittableRandom(7);
        long end = phaseNanos * phases.length;
        for (long t = 0; t < end; t += STEP) {
            if (t % SAMPLE_EVERY == 0) {
                run.limits.add(limit.getAsInt());
            }
            if (t % ARRIVAL_EVERY == 0) {
                int capacity = phases[(int) (t / phaseNanos)];
                long start = t;
                bulkhead.call(() -> {
                    int n = inflight.getAsInt();
                    double load = n <= capacity ? 1 : Math.pow((double) n / capacity, 1.5);
                    long latency = (long) (NO_LOAD * load * (0.9 + 0.2 * random.nextDouble()));
                    CompletableFuture<Object> done = new CompletableFuture<>();
                    timer.schedule(latency, () -> {
                        run.calls.add(new long[] {start, clock.nanoTime() - start});
                        done.complete("ok");
                    });
                    return done;
                });
            }
            clock.advanceNanos(STEP);
        }
        return run;
    }

    @Test
    void theLimitSettlesNearTheCapacityFollowsItUpAndKeepsLatencyNearTheFloor() throws Exception {
        ManualClock clock = new ManualClock();
        ManualTimer timer = new ManualTimer(clock);
        AsyncAdaptiveBulkheadStrategy<Object> bulkhead = new AsyncAdaptiveBulkheadStrategy<>(
                invocation -> invocation.proceed(), Support.METHOD,
                AdaptiveLimitPolicy.builder().initialLimit(50).minLimit(1).maxLimit(1000).build(), clock,
                EngineListener.NONE);
        long phase = 60 * S;

        Run run = simulate(clock, timer, bulkhead, () -> bulkhead.limit().inflight(), () -> bulkhead.limit().limit(),
                phase, 8, 32);

        double settled = run.settles(0, phase, 6, 12);
        assertTrue(settled >= 0 && settled <= 30, "capacity 8: settles in [6, 12] after " + settled + " s; limits "
                + run.limitsBetween(0, 5 * S));
        double followed = run.settles(phase, 2 * phase, 24, 48);
        assertTrue(followed >= 0 && followed <= 30, "capacity 32: within [24, 48] after " + followed + " s; limits "
                + run.limitsBetween(phase, phase + 5 * S));
        double p99 = run.p99((long) (settled * S), phase);
        assertTrue(p99 <= 2.0, "p99 at capacity 8 after settling: " + p99 + "× the no-load latency");
        double p99Up = run.p99(phase + (long) (followed * S), 2 * phase);
        assertTrue(p99Up <= 2.0, "p99 at capacity 32 after following: " + p99Up + "×");
        System.out.printf("adaptive: settles %.2f s, p99 %.2f×; follows %.2f s, p99 %.2f×%n", settled, p99, followed,
                p99Up);
    }

    @Test
    void aStaticBulkheadOfFiftyLetsLatencyGrowTenfold() throws Exception {
        ManualClock clock = new ManualClock();
        ManualTimer timer = new ManualTimer(clock);
        AsyncBulkheadStrategy<Object> bulkhead = new AsyncBulkheadStrategy<>(invocation -> invocation.proceed(),
                Support.METHOD, new BulkheadPolicy(50, 0, 0), Runnable::run, EngineListener.NONE);

        Run run = simulate(clock, timer, bulkhead, bulkhead::running, () -> 50, 30 * S, 8);

        double p99 = run.p99(5 * S, 30 * S);
        assertTrue(p99 >= 10, "p99 behind a static bulkhead of 50: " + p99 + "×");
        System.out.printf("static 50: p99 %.2f×%n", p99);
    }
}
