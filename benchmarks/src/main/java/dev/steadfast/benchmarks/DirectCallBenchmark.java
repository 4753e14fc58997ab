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
 *
 * <p>{@link #twoNanoTimes} and {@link #threeNanoTimes} are the floors of the timed scenarios: a synchronous timeout
 * reads the clock twice per call (start, and the check on return), the full stack three times (the retry's start,
 * then the timeout's two), whatever else it does. A target below them cannot be met on the machine that measured them.
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

    @Benchmark
    public long twoNanoTimes() {
        long start = System.nanoTime();
        return System.nanoTime() - start;
    }

    @Benchmark
    public long threeNanoTimes() {
        long start = System.nanoTime();
        long attempt = System.nanoTime();
        return System.nanoTime() - attempt + start;
    }
}
