package dev.steadfast.engine;

import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.Options;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bounds of every Lincheck test of the lock-free core, in one place (docs/concurrency.md), and the helpers that
 * apply them. Each test checks its structure against a sequential specification twice: by model checking (Lincheck
 * runs generated scenarios of a few operations on two threads and explores their interleavings, switching threads
 * at every shared-memory access) and by stress (the same scenarios on real threads, many times).
 *
 * <p>The numbers keep the whole engine test run within about two extra minutes on a 2-core machine. For a long run,
 * multiply the number of scenarios: {@code mvn verify -Dsteadfast.lincheck.scale=20}.
 */
public final class LincheckBudget {

    /** Multiplies the number of scenarios of every test; 1 in {@code mvn verify}. */
    public static final int SCALE = Integer.getInteger("steadfast.lincheck.scale", 1);

    /** Model checking: scenarios generated per test. */
    public static final int MODEL_SCENARIOS = 10 * SCALE;
    /** Model checking: interleavings explored per scenario, at most. */
    public static final int MODEL_INTERLEAVINGS = 20;
    /** Model checking of one given scenario (a regression): interleavings explored, at most. */
    public static final int REGRESSION_INTERLEAVINGS = 150 * SCALE;
    /** Stress: scenarios generated per test. */
    public static final int STRESS_SCENARIOS = 10 * SCALE;
    /** Stress: runs of each scenario on real threads. */
    public static final int STRESS_RUNS = 30;
    /**
     * Milliseconds one run of a scenario may take before Lincheck reports it as hung. Lincheck's default (10 s) was
     * exceeded once on a machine at load 25, while the first run instrumented the breaker's classes as they loaded:
     * a false "hung". A real livelock still fails, later.
     */
    public static final long HANG_TIMEOUT_MILLIS = 120_000;
    /** Threads running operations at once, and operations per thread. */
    public static final int THREADS = 2;
    public static final int OPERATIONS_PER_THREAD = 3;
    /** Operations run alone before the parallel part (to reach a full window, an open breaker...), and after it. */
    public static final int OPERATIONS_BEFORE = 3;
    public static final int OPERATIONS_AFTER = 1;

    private LincheckBudget() {
    }

    /** Model checking of {@code test} against {@code specification}, within the budget. */
    public static void modelCheck(Class<?> test, Class<?> specification) {
        LinChecker.check(test, shape(new ModelCheckingOptions()
                .iterations(MODEL_SCENARIOS)
                .invocationsPerIteration(MODEL_INTERLEAVINGS), specification));
    }

    /** Stress testing of {@code test} against {@code specification}, within the budget. */
    public static void stress(Class<?> test, Class<?> specification) {
        LinChecker.check(test, shape(new StressOptions()
                .iterations(STRESS_SCENARIOS)
                .invocationsPerIteration(STRESS_RUNS), specification));
    }

    /**
     * Model checking of one given scenario only (a regression test: the interleaving that once failed is among
     * those explored, so the check fails if the bug comes back).
     */
    public static void modelCheck(Class<?> test, Class<?> specification, ExecutionScenario scenario) {
        LinChecker.check(test, new ModelCheckingOptions()
                .invocationTimeout$lincheck(HANG_TIMEOUT_MILLIS)
                .iterations(0)
                .invocationsPerIteration(REGRESSION_INTERLEAVINGS)
                .addCustomScenario(scenario)
                .sequentialSpecification(specification));
    }

    private static <O extends Options<O, ?>> O shape(O options, Class<?> specification) {
        // invocationTimeout is Kotlin-internal in Lincheck 2.39 (hence the name), the only way to set it.
        return options.invocationTimeout$lincheck(HANG_TIMEOUT_MILLIS)
                .threads(THREADS)
                .actorsPerThread(OPERATIONS_PER_THREAD)
                .actorsBefore(OPERATIONS_BEFORE)
                .actorsAfter(OPERATIONS_AFTER)
                .sequentialSpecification(specification);
    }

    /** Builds a scenario for {@link #modelCheck(Class, Class, ExecutionScenario)} from operations of {@code test}. */
    public static Scenario scenario(Class<?> test) {
        return new Scenario(test);
    }

    /** A scenario: operations run first alone, then on two threads at once. */
    public static final class Scenario {

        private final Class<?> test;
        private final List<Actor> before = new ArrayList<>();
        private final List<List<Actor>> parallel = new ArrayList<>();

        private Scenario(Class<?> test) {
            this.test = test;
        }

        /** An operation run before the parallel part: the name of a method of the test, and its arguments. */
        public Scenario before(String operation, Object... arguments) {
            before.add(actor(operation, arguments));
            return this;
        }

        /** One more thread of the parallel part, running {@code operations} in order (see {@link #op}). */
        public Scenario thread(Actor... operations) {
            parallel.add(List.of(operations));
            return this;
        }

        /** An operation for {@link #thread}: the name of a method of the test, and its arguments. */
        public Actor op(String operation, Object... arguments) {
            return actor(operation, arguments);
        }

        public ExecutionScenario build() {
            return new ExecutionScenario(before, parallel, List.of(), null);
        }

        private Actor actor(String operation, Object... arguments) {
            Method method = Arrays.stream(test.getMethods())
                    .filter(m -> m.getName().equals(operation) && m.getParameterCount() == arguments.length)
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no operation " + operation + " in " + test));
            return new Actor(method, Arrays.asList(arguments), false, false, false, false, false);
        }
    }
}
