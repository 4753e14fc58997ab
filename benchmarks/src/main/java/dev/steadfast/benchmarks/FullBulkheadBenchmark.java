package dev.steadfast.benchmarks;

import dev.failsafe.BulkheadFullException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.steadfast.guard.Guard;
import io.github.resilience4j.bulkhead.Bulkhead;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
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
 * The failing path: the cost of a call rejected by a full bulkhead (size 1, held for the whole run by an
 * {@link Occupant} thread parked inside it; no waiting allowed), including creating and catching the rejection.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FullBulkheadBenchmark {

    @State(Scope.Benchmark)
    public static class SteadfastState {
        Guard<String> guard;
        Occupant occupant;

        @Setup
        public void setUp() {
            guard = SteadfastPolicies.bulkhead("full-bulkhead", 1);
            occupant = new Occupant("Steadfast", guard::call);
            Checks.rejectsWith("Steadfast", dev.steadfast.BulkheadFullException.class, () -> guard.call(Work.CALL));
        }

        @TearDown
        public void tearDown() throws InterruptedException {
            occupant.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Resilience4jState {
        Bulkhead bulkhead;
        Callable<String> decorated;
        Occupant occupant;

        @Setup
        public void setUp() {
            bulkhead = Resilience4jPolicies.bulkhead("full-bulkhead", 1);
            decorated = Bulkhead.decorateCallable(bulkhead, Work.CALL);
            occupant = new Occupant("Resilience4j", body -> Bulkhead.decorateCallable(bulkhead, body).call());
            Checks.rejectsWith("Resilience4j", io.github.resilience4j.bulkhead.BulkheadFullException.class,
                    decorated);
        }

        @TearDown
        public void tearDown() throws InterruptedException {
            occupant.close();
        }
    }

    @State(Scope.Benchmark)
    public static class SmallRyeState {
        io.smallrye.faulttolerance.api.Guard guard;
        Occupant occupant;

        @Setup
        public void setUp() {
            guard = SmallRyePolicies.bulkhead(io.smallrye.faulttolerance.api.Guard.create(), 1).build();
            occupant = new Occupant("SmallRye", body -> guard.call(body, String.class));
            Checks.rejectsWith("SmallRye", BulkheadException.class, () -> guard.call(Work.CALL, String.class));
        }

        @TearDown
        public void tearDown() throws InterruptedException {
            occupant.close();
            SmallRyePolicies.shutdown();
        }
    }

    @State(Scope.Benchmark)
    public static class FailsafeState {
        FailsafeExecutor<String> executor;
        Occupant occupant;

        @Setup
        public void setUp() {
            executor = Failsafe.with(FailsafePolicies.bulkhead(1));
            occupant = new Occupant("Failsafe", body -> executor.get(body::call));
            Checks.rejectsWith("Failsafe", BulkheadFullException.class, () -> executor.get(Work.CHECKED_SUPPLIER));
        }

        @TearDown
        public void tearDown() throws InterruptedException {
            occupant.close();
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
