package dev.steadfast.benchmarks;

import io.smallrye.faulttolerance.api.TypedGuard;

import java.util.concurrent.Callable;

/**
 * Fallback, retry, circuit breaker, timeout and bulkhead around one call, on the happy path, in Steadfast's order
 * (Fallback → Retry → CircuitBreaker → Timeout → Bulkhead). Resilience4j's time limit moves the bulkhead and the
 * body to an executor thread; SmallRye's fallback needs its {@code TypedGuard}.
 */
public class FullStackBenchmark extends HappyPathBenchmark {

    @Override
    protected Callable<String> guard(Library library) {
        return switch (library) {
            case STEADFAST -> steadfast(SteadfastPolicies.fullStack("full-stack"));
            case RESILIENCE4J -> closeAtTearDown(new Resilience4jPolicies()).fullStack("full-stack", Work.CALL);
            case SMALLRYE -> {
                TypedGuard<String> guard = SmallRyePolicies.fullStack();
                yield () -> guard.call(Work.CALL);
            }
            case FAILSAFE -> failsafe(FailsafePolicies.fullStack());
        };
    }
}
