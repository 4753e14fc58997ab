package dev.steadfast.benchmarks;

import dev.failsafe.function.CheckedSupplier;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The guarded body every benchmark runs: it returns a constant, so what is measured is the library around it. One
 * instance of each shape (created once), so no call site allocates a lambda per call.
 */
public final class Work {

    /** What the body returns. */
    public static final String RESULT = "ok";

    /** What a fallback returns. */
    public static final String FALLBACK = "fallback";

    public static final Callable<String> CALL = () -> RESULT;

    public static final Supplier<String> SUPPLIER = () -> RESULT;

    public static final CheckedSupplier<String> CHECKED_SUPPLIER = () -> RESULT;

    /** The failure used to open circuit breakers (allocated once: opening is set-up, not measured). */
    public static final IllegalStateException FAILURE = new IllegalStateException("benchmark failure");

    public static final Callable<String> FAILING = () -> {
        throw FAILURE;
    };

    public static final CheckedSupplier<String> FAILING_SUPPLIER = () -> {
        throw FAILURE;
    };

    private Work() {
    }
}
