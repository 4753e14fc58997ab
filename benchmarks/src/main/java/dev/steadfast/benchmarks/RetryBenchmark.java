package dev.steadfast.benchmarks;

import dev.failsafe.Failsafe;
import io.github.resilience4j.retry.Retry;

import java.util.concurrent.Callable;

/** Retry alone, on the happy path: the first attempt succeeds, so no delay is ever waited. */
public class RetryBenchmark extends HappyPathBenchmark {

    @Override
    protected Callable<String> guard(Library library) {
        return switch (library) {
            case STEADFAST -> steadfast(SteadfastPolicies.retry("retry"));
            case RESILIENCE4J -> Retry.decorateCallable(Resilience4jPolicies.retry("retry"), Work.CALL);
            case SMALLRYE -> smallrye(SmallRyePolicies.retry(io.smallrye.faulttolerance.api.Guard.create()).build());
            case FAILSAFE -> failsafe(Failsafe.with(FailsafePolicies.retry()));
        };
    }
}
