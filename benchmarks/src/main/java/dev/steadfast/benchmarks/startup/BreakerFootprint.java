package dev.steadfast.benchmarks.startup;

import dev.steadfast.benchmarks.Resilience4jPolicies;
import dev.steadfast.benchmarks.Settings;
import dev.steadfast.benchmarks.SteadfastPolicies;
import dev.steadfast.benchmarks.Work;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.breaker.Breaker;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.time.SystemClock;
import dev.steadfast.engine.time.ThreadTimer;
import dev.steadfast.guard.Guard;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Retained heap per CLOSED circuit breaker, in a fresh JVM started by {@link StartupBenchmark}: {@value #COUNT}
 * breakers of one kind are built and kept reachable, each after {@value #CALLS} successful calls (a breaker in use, its
 * window full); the result is (used heap after full GCs with them − before) / count. Prints one {@value #PREFIX} line.
 *
 * <p>What is counted: the breaker and everything it allocated for itself (state objects, window, counters, queues,
 * listeners' lists). What is not: the name (built before the first reading, as a user's string would be), the array
 * that holds the breakers (allocated before it too), and what the breakers share (one policy / config object, the
 * clock, the timer, the engine; one breaker of the kind is built before the first reading so classes and shared
 * singletons are in place).
 *
 * <ul>
 *   <li>{@code steadfast}: the engine's {@link Breaker}, one shared {@link BreakerPolicy} (window 20, 50 %, 5 s):
 *       what an annotated method or a named breaker keeps per breaker.</li>
 *   <li>{@code steadfast-guard}: a programmatic {@link Guard} with its own breaker ({@code SteadfastPolicies.breaker}):
 *       the guard, its chain, its policy (one per guard: the builder makes it) and its entry in the standalone engine's
 *       registry, on top of the breaker.</li>
 *   <li>{@code resilience4j}: {@code CircuitBreaker.of(name, config)} with one shared count-based config (window 20,
 *       the same thresholds), not registered in a registry.</li>
 * </ul>
 *
 * <p>Usage: {@code java -cp ... BreakerFootprint <kind>}
 */
public final class BreakerFootprint {

    public static final String PREFIX = "BREAKER-RESULT";
    public static final String[] KINDS = {"steadfast", "steadfast-guard", "resilience4j"};
    static final int COUNT = 10_000;
    static final int CALLS = 20;

    private BreakerFootprint() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        String[] names = new String[COUNT + 1];
        for (int i = 0; i <= COUNT; i++) {
            names[i] = String.format(Locale.ROOT, "breaker-%06d", i);
        }
        IntFunction<Object> build = builder(kind, names);
        Object[] kept = new Object[COUNT + 1];
        kept[COUNT] = build.apply(COUNT); // classes and shared objects in place before the first reading
        var memory = ManagementFactory.getMemoryMXBean();

        long before = StartupRun.usedAfterGc(memory);
        for (int i = 0; i < COUNT; i++) {
            kept[i] = build.apply(i);
        }
        long after = StartupRun.usedAfterGc(memory);
        Reference.reachabilityFence(kept);
        Reference.reachabilityFence(names);
        System.out.printf(Locale.ROOT, "%s kind=%s count=%d bytes=%d%n", PREFIX, kind, COUNT, after - before);
        System.exit(0);
    }

    private static IntFunction<Object> builder(String kind, String[] names) {
        return switch (kind) {
            case "steadfast" -> {
                BreakerPolicy policy = BreakerPolicy.builder()
                        .requestVolumeThreshold(Settings.BREAKER_WINDOW)
                        .failureRatio(Settings.BREAKER_FAILURE_RATIO)
                        .delay(Settings.BREAKER_DELAY)
                        .successThreshold(1)
                        .build();
                ThreadTimer timer = new ThreadTimer("footprint-timer", Runnable::run);
                yield i -> {
                    Breaker breaker = new Breaker(names[i], policy, SystemClock.INSTANCE, timer, EngineListener.NONE);
                    for (int c = 0; c < CALLS; c++) {
                        long permit = breaker.tryAcquire();
                        breaker.onSuccess(permit, 1_000);
                    }
                    return breaker;
                };
            }
            case "steadfast-guard" -> i -> {
                Guard<String> guard = SteadfastPolicies.breaker(names[i], Settings.BREAKER_DELAY);
                for (int c = 0; c < CALLS; c++) {
                    guard.get(Work.SUPPLIER);
                }
                return guard;
            };
            case "resilience4j" -> {
                CircuitBreakerConfig config = Resilience4jPolicies.breaker("config", Settings.BREAKER_DELAY)
                        .getCircuitBreakerConfig();
                yield i -> {
                    CircuitBreaker breaker = CircuitBreaker.of(names[i], config);
                    for (int c = 0; c < CALLS; c++) {
                        breaker.executeSupplier(Work.SUPPLIER);
                    }
                    return breaker;
                };
            }
            default -> throw new IllegalArgumentException("kind must be one of " + String.join(", ", KINDS)
                    + ", not " + kind);
        };
    }
}
