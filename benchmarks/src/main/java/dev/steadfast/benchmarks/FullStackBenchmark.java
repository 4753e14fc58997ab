package dev.steadfast.benchmarks;

import dev.failsafe.FailsafeExecutor;
import dev.steadfast.guard.Guard;
import io.smallrye.faulttolerance.api.TypedGuard;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Fallback, retry, circuit breaker, timeout and bulkhead around one call, on the happy path, in Steadfast's order
 * (Fallback → Retry → CircuitBreaker → Timeout → Bulkhead). Resilience4j's time limit moves the bulkhead and the
 * body to an executor thread; SmallRye's fallback needs its {@code TypedGuard}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FullStackBenchmark {

    @State(Scope.Benchmark)
    public static class SteadfastState {
        Guard<String> guard;

        @Setup
        public void setUp() {
            guard = SteadfastPolicies.fullStack("full-stack");
            Checks.returnsResult("Steadfast", () -> guard.call(Work.CALL));
        }
    }

    @State(Scope.Benchmark)
    public static class Resilience4jState {
        final Resilience4jPolicies r4j = new Resilience4jPolicies();
        Callable<String> decorated;

        @Setup
        public void setUp() {
            decorated = r4j.fullStack("full-stack", Work.CALL);
            Checks.returnsResult("Resilience4j", decorated);
        }

        @TearDown
        public void tearDown() throws InterruptedException {
            r4j.close();
        }
    }

    @State(Scope.Benchmark)
    public static class SmallRyeState {
        TypedGuard<String> guard;

        @Setup
        public void setUp() {
            guard = SmallRyePolicies.fullStack();
            Checks.returnsResult("SmallRye", () -> guard.call(Work.CALL));
        }

        @TearDown
        public void tearDown() throws InterruptedException {
            SmallRyePolicies.shutdown();
        }
    }

    @State(Scope.Benchmark)
    public static class FailsafeState {
        FailsafeExecutor<String> executor;

        @Setup
        public void setUp() {
            executor = FailsafePolicies.fullStack();
            Checks.returnsResult("Failsafe", () -> executor.get(Work.CHECKED_SUPPLIER));
        }
    }

    @Benchmark
    public String steadfast(SteadfastState s) throws Exception {
        return s.guard.call(Work.CALL);
    }

    @Benchmark
    public String resilience4j(Resilience4jState s) throws Exception {
        return s.decorated.call();
    }

    @Benchmark
    public String smallrye(SmallRyeState s) throws Exception {
        return s.guard.call(Work.CALL);
    }

    @Benchmark
    public String failsafe(FailsafeState s) {
        return s.executor.get(Work.CHECKED_SUPPLIER);
    }
}
