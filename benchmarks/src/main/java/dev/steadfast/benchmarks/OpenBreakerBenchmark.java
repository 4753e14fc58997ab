package dev.steadfast.benchmarks;

import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.guard.Guard;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import java.util.concurrent.Callable;

/**
 * The failing path: the cost of a call rejected by an open circuit breaker (opened in set-up by a window of failures,
 * open for an hour), including creating the library's rejection exception and catching it. Each library's default
 * for that exception is kept (whether it fills in a stack trace).
 */
public class OpenBreakerBenchmark extends RejectionBenchmark {

    private static final String NAME = "open-breaker";

    @Override
    protected Callable<String> guard(Library library) {
        return switch (library) {
            case STEADFAST -> {
                Guard<String> guard = SteadfastPolicies.breaker(NAME, Settings.OPEN_BREAKER_DELAY);
                Checks.fail(Settings.BREAKER_WINDOW, () -> guard.call(Work.FAILING));
                yield steadfast(guard);
            }
            case RESILIENCE4J -> {
                CircuitBreaker breaker = Resilience4jPolicies.breaker(NAME, Settings.OPEN_BREAKER_DELAY);
                Checks.fail(Settings.BREAKER_WINDOW, CircuitBreaker.decorateCallable(breaker, Work.FAILING));
                yield CircuitBreaker.decorateCallable(breaker, Work.CALL);
            }
            case SMALLRYE -> {
                io.smallrye.faulttolerance.api.Guard guard = SmallRyePolicies.breaker(
                        io.smallrye.faulttolerance.api.Guard.create(), Settings.OPEN_BREAKER_DELAY).build();
                Checks.fail(Settings.BREAKER_WINDOW, () -> guard.call(Work.FAILING, String.class));
                yield smallrye(guard);
            }
            case FAILSAFE -> {
                FailsafeExecutor<String> executor = Failsafe.with(
                        FailsafePolicies.breaker(Settings.OPEN_BREAKER_DELAY));
                Checks.fail(Settings.BREAKER_WINDOW, () -> executor.get(Work.FAILING_SUPPLIER));
                yield failsafe(executor);
            }
        };
    }

    @Override
    protected Class<? extends Exception> rejection(Library library) {
        return switch (library) {
            case STEADFAST -> CircuitOpenException.class;
            case RESILIENCE4J -> CallNotPermittedException.class;
            case SMALLRYE -> org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException.class;
            case FAILSAFE -> CircuitBreakerOpenException.class;
        };
    }
}
