package dev.steadfast.benchmarks;

import dev.failsafe.FailsafeExecutor;
import dev.steadfast.guard.Guard;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * What every comparison of the four libraries shares: a subclass is one scenario and states only its policy, as
 * {@link #guard(Library)}, once per library; this class measures it once per value of the JMH parameter
 * {@code library}.
 *
 * <p>JMH runs each parameter value in its own fork, and this state builds only the guard of that fork's library, so a
 * fork never starts another library's threads (SmallRye's standalone timer, Resilience4j's time-limiter executor).
 * Each guard is checked in set-up ({@link HappyPathBenchmark}, {@link RejectionBenchmark}), so a misconfiguration fails
 * the run instead of measuring something else. Every library's guarded call is reached the same way, through one
 * {@link Callable} built in set-up: the measured method calls it, the same shape for all four.
 *
 * <p>The report ({@code report.Report}) names a result {@code <Class>.<library>}, e.g. {@code BreakerBenchmark.steadfast}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class LibraryBenchmark {

    /** The libraries compared. The values of the {@code library} parameter are their {@link #key()}s. */
    public enum Library {
        STEADFAST("Steadfast"), RESILIENCE4J("Resilience4j"), SMALLRYE("SmallRye"), FAILSAFE("Failsafe");

        private final String label;

        Library(String label) {
            this.label = label;
        }

        /** The name in messages of the set-up checks. */
        public String label() {
            return label;
        }

        /** The value of the JMH parameter, and the column in the report. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Library of(String key) {
            return valueOf(key.toUpperCase(Locale.ROOT));
        }
    }

    /** The library this fork measures. */
    @Param({"steadfast", "resilience4j", "smallrye", "failsafe"})
    public String library;

    /** The library's guarded call, built once in set-up. */
    protected Callable<String> guarded;

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    /**
     * The scenario's guard around {@link Work#CALL}, configured as {@link Settings} says, in the library's idiomatic
     * synchronous API; {@link #steadfast}, {@link #smallrye} and {@link #failsafe} turn a guard into the call.
     */
    protected abstract Callable<String> guard(Library library) throws Exception;

    /** Proves the guard is wired as the scenario says, or throws. */
    abstract void check(Library library, Callable<String> call);

    @Setup
    public void setUp() throws Exception {
        Library measured = Library.of(library);
        if (measured == Library.SMALLRYE) {
            closeAtTearDown(SmallRyePolicies::shutdown);
        }
        guarded = guard(measured);
        check(measured, guarded);
    }

    /** Closes what set-up opened, the last first. */
    @TearDown
    public void tearDown() throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }

    /** Closes {@code resource} at tear-down, before what was registered earlier. */
    protected final <T extends AutoCloseable> T closeAtTearDown(T resource) {
        resources.push(resource);
        return resource;
    }

    protected static Callable<String> steadfast(Guard<String> guard) {
        return () -> guard.call(Work.CALL);
    }

    protected static Callable<String> smallrye(io.smallrye.faulttolerance.api.Guard guard) {
        return () -> guard.call(Work.CALL, String.class);
    }

    protected static Callable<String> failsafe(FailsafeExecutor<String> executor) {
        return () -> executor.get(Work.CHECKED_SUPPLIER);
    }
}
