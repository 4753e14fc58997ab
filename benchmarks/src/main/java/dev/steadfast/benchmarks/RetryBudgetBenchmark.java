package dev.steadfast.benchmarks;

import dev.steadfast.guard.Guard;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Steadfast's retry with a retry budget, on the happy path, beside the same retry without one: what the budget's
 * deposit (one compare-and-set per call) costs, and that it allocates nothing. Steadfast only: the other libraries
 * have no retry budget.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RetryBudgetBenchmark {

    @State(Scope.Benchmark)
    public static class Budgeted {
        Guard<String> guard;

        @Setup
        public void setUp() {
            guard = Guard.<String>builder("retry-budgeted")
                    .retry(r -> r.maxRetries(Settings.MAX_RETRIES).delay(Settings.RETRY_DELAY)
                            .maxDuration(Settings.RETRY_MAX_DURATION))
                    .retryBudget(b -> b.name("retry-budget-benchmark"))
                    .build();
            Checks.returnsResult("Steadfast with a retry budget", () -> guard.call(Work.CALL));
        }
    }

    @State(Scope.Benchmark)
    public static class Plain {
        Guard<String> guard;

        @Setup
        public void setUp() {
            guard = SteadfastPolicies.retry("retry-plain");
            Checks.returnsResult("Steadfast", () -> guard.call(Work.CALL));
        }
    }

    @Benchmark
    public String withBudget(Budgeted s) throws Exception {
        return s.guard.call(Work.CALL);
    }

    @Benchmark
    public String withoutBudget(Plain s) throws Exception {
        return s.guard.call(Work.CALL);
    }
}
