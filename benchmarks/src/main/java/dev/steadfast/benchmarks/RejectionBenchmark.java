package dev.steadfast.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;

import java.util.concurrent.Callable;

/**
 * A scenario on the failing path: the guard rejects every call, and what is measured includes creating the library's
 * rejection and catching it.
 */
public abstract class RejectionBenchmark extends LibraryBenchmark {

    /** The exception the library rejects a call with. */
    protected abstract Class<? extends Exception> rejection(Library library);

    @Override
    final void check(Library library, Callable<String> call) {
        Checks.rejectsWith(library.label(), rejection(library), call);
    }

    @Benchmark
    public Object rejected() {
        try {
            return guarded.call();
        } catch (Exception rejected) {
            return rejected;
        }
    }
}
