package dev.steadfast.benchmarks;

import dev.failsafe.Failsafe;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import java.util.concurrent.Callable;

/** A closed circuit breaker alone, on the happy path: every call succeeds and is recorded in the window. */
public class BreakerBenchmark extends HappyPathBenchmark {

    @Override
    protected Callable<String> guard(Library library) {
        return switch (library) {
            case STEADFAST -> steadfast(SteadfastPolicies.breaker("breaker", Settings.BREAKER_DELAY));
            case RESILIENCE4J -> CircuitBreaker.decorateCallable(
                    Resilience4jPolicies.breaker("breaker", Settings.BREAKER_DELAY), Work.CALL);
            case SMALLRYE -> smallrye(SmallRyePolicies.breaker(io.smallrye.faulttolerance.api.Guard.create(),
                    Settings.BREAKER_DELAY).build());
            case FAILSAFE -> failsafe(Failsafe.with(FailsafePolicies.breaker(Settings.BREAKER_DELAY)));
        };
    }
}
