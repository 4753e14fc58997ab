package dev.steadfast.benchmarks;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.steadfast.guard.Guard;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
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

/** A closed circuit breaker alone, on the happy path: every call succeeds and is recorded in the window. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BreakerBenchmark {

    @State(Scope.Benchmark)
    public static class SteadfastState {
        Guard<String> guard;

        @Setup
        public void setUp() {
            guard = SteadfastPolicies.breaker("breaker", Settings.BREAKER_DELAY);
            Checks.returnsResult("Steadfast", () -> guard.call(Work.CALL));
        }
    }

    @State(Scope.Benchmark)
    public static class Resilience4jState {
        Callable<String> decorated;

        @Setup
        public void setUp() {
            decorated = CircuitBreaker.decorateCallable(
                    Resilience4jPolicies.breaker("breaker", Settings.BREAKER_DELAY), Work.CALL);
            Checks.returnsResult("Resilience4j", decorated);
        }
    }

    @State(Scope.Benchmark)
    public static class SmallRyeState {
        io.smallrye.faulttolerance.api.Guard guard;

        @Setup
        public void setUp() {
            guard = SmallRyePolicies.breaker(io.smallrye.faulttolerance.api.Guard.create(), Settings.BREAKER_DELAY)
                    .build();
            Checks.returnsResult("SmallRye", () -> guard.call(Work.CALL, String.class));
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
            executor = Failsafe.with(FailsafePolicies.breaker(Settings.BREAKER_DELAY));
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
        return s.guard.call(Work.CALL, String.class);
    }

    @Benchmark
    public String failsafe(FailsafeState s) {
        return s.executor.get(Work.CHECKED_SUPPLIER);
    }
}
