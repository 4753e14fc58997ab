package dev.steadfast.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;

import java.util.concurrent.Callable;

/** A scenario on the happy path: the guard lets the call through and returns the body's result. */
public abstract class HappyPathBenchmark extends LibraryBenchmark {

    @Override
    final void check(Library library, Callable<String> call) {
        Checks.returnsResult(library.label(), call);
    }

    @Benchmark
    public String call() throws Exception {
        return guarded.call();
    }
}
