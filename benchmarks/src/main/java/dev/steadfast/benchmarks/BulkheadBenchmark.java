package dev.steadfast.benchmarks;

import dev.failsafe.Failsafe;
import io.github.resilience4j.bulkhead.Bulkhead;

import java.util.concurrent.Callable;

/** A bulkhead alone (10 concurrent calls, no waiting), on the happy path: a permit is taken and given back per call. */
public class BulkheadBenchmark extends HappyPathBenchmark {

    @Override
    protected Callable<String> guard(Library library) {
        return switch (library) {
            case STEADFAST -> steadfast(SteadfastPolicies.bulkhead("bulkhead", Settings.BULKHEAD));
            case RESILIENCE4J -> Bulkhead.decorateCallable(
                    Resilience4jPolicies.bulkhead("bulkhead", Settings.BULKHEAD), Work.CALL);
            case SMALLRYE -> smallrye(SmallRyePolicies.bulkhead(io.smallrye.faulttolerance.api.Guard.create(),
                    Settings.BULKHEAD).build());
            case FAILSAFE -> failsafe(Failsafe.with(FailsafePolicies.bulkhead(Settings.BULKHEAD)));
        };
    }
}
