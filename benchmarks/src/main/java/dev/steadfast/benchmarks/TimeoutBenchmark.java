package dev.steadfast.benchmarks;

import dev.failsafe.Failsafe;

import java.util.concurrent.Callable;

/**
 * A timeout alone (1 s), on the happy path: the body returns long before it. Resilience4j's TimeLimiter needs the body
 * on another thread (an executor and a future per call); the others run it on the caller's thread and arm a timer.
 */
public class TimeoutBenchmark extends HappyPathBenchmark {

    @Override
    protected Callable<String> guard(Library library) {
        return switch (library) {
            case STEADFAST -> steadfast(SteadfastPolicies.timeout("timeout"));
            case RESILIENCE4J -> closeAtTearDown(new Resilience4jPolicies())
                    .withTimeout(Resilience4jPolicies.timeLimiter("timeout"), Work.CALL);
            case SMALLRYE -> smallrye(SmallRyePolicies.timeout(io.smallrye.faulttolerance.api.Guard.create()).build());
            case FAILSAFE -> failsafe(Failsafe.with(FailsafePolicies.timeout()));
        };
    }
}
