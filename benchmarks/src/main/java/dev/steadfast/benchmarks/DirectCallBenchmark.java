package dev.steadfast.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The anchors: the body called directly, with nothing around it; and one {@code System.nanoTime()}, since every
 * library reads the clock for timeouts, budgets or windows and its price differs much between machines (a few ns
 * through the vDSO on bare metal, 100 ns and more on virtual machines whose clock source falls back to a system call).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DirectCallBenchmark {

    @Benchmark
    public String direct() throws Exception {
        return Work.CALL.call();
    }

    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }
}
