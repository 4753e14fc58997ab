package dev.steadfast.benchmarks;

import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.guard.Guard;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
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

/**
 * The failing path: the cost of a call rejected by an open circuit breaker (opened in set-up by a window of failures,
 * open for an hour), including creating the library's rejection exception and catching it. Each library's default
 * for that exception is kept (whether it fills in a stack trace).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OpenBreakerBenchmark {

    @State(Scope.Benchmark)
    public static class SteadfastState {
        Guard<String> guard;

        @Setup
        public void setUp() {
            guard = SteadfastPolicies.breaker("open-breaker", Settings.OPEN_BREAKER_DELAY);
            Checks.fail(Settings.BREAKER_WINDOW, () -> guard.call(Work.FAILING));
            Checks.rejectsWith("Steadfast", CircuitOpenException.class, () -> guard.call(Work.CALL));
        }
    }

    @State(Scope.Benchmark)
    public static class Resilience4jState {
        Callable<String> decorated;

        @Setup
        public void setUp() {
            CircuitBreaker breaker = Resilience4jPolicies.breaker("open-breaker", Settings.OPEN_BREAKER_DELAY);
            Checks.fail(Settings.BREAKER_WINDOW, CircuitBreaker.decorateCallable(breaker, Work.FAILING));
            decorated = CircuitBreaker.decorateCallable(breaker, Work.CALL);
            Checks.rejectsWith("Resilience4j", CallNotPermittedException.class, decorated);
        }
    }

    @State(Scope.Benchmark)
    public static class SmallRyeState {
        io.smallrye.faulttolerance.api.Guard guard;

        @Setup
        public void setUp() {
            guard = SmallRyePolicies.breaker(io.smallrye.faulttolerance.api.Guard.create(),
                    Settings.OPEN_BREAKER_DELAY).build();
            Checks.fail(Settings.BREAKER_WINDOW, () -> guard.call(Work.FAILING, String.class));
            Checks.rejectsWith("SmallRye", org.eclipse.microprofile.faulttolerance.exceptions
                    .CircuitBreakerOpenException.class, () -> guard.call(Work.CALL, String.class));
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
            executor = Failsafe.with(FailsafePolicies.breaker(Settings.OPEN_BREAKER_DELAY));
            Checks.fail(Settings.BREAKER_WINDOW, () -> executor.get(Work.FAILING_SUPPLIER));
            Checks.rejectsWith("Failsafe", CircuitBreakerOpenException.class,
                    () -> executor.get(Work.CHECKED_SUPPLIER));
        }
    }

    @Benchmark
    public Object steadfast(SteadfastState s) {
        try {
            return s.guard.call(Work.CALL);
        } catch (Exception rejected) {
            return rejected;
        }
    }

    @Benchmark
    public Object resilience4j(Resilience4jState s) {
        try {
            return s.decorated.call();
        } catch (Exception rejected) {
            return rejected;
        }
    }

    @Benchmark
    public Object smallrye(SmallRyeState s) {
        try {
            return s.guard.call(Work.CALL, String.class);
        } catch (Exception rejected) {
            return rejected;
        }
    }

    @Benchmark
    public Object failsafe(FailsafeState s) {
        try {
            return s.executor.get(Work.CHECKED_SUPPLIER);
        } catch (RuntimeException rejected) {
            return rejected;
        }
    }
}
