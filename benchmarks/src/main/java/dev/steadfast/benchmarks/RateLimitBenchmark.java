package dev.steadfast.benchmarks;

import dev.failsafe.Failsafe;
import io.github.resilience4j.ratelimiter.RateLimiter;

import java.util.concurrent.Callable;

/**
 * A rate limiter alone, fixed windows of 1 s with a limit far above what the machine can call, so it never rejects: a
 * permit is taken per call.
 */
public class RateLimitBenchmark extends HappyPathBenchmark {

    @Override
    protected Callable<String> guard(Library library) {
        return switch (library) {
            case STEADFAST -> steadfast(SteadfastPolicies.rateLimit("rate-limit"));
            case RESILIENCE4J -> RateLimiter.decorateCallable(Resilience4jPolicies.rateLimiter("rate-limit"),
                    Work.CALL);
            case SMALLRYE -> smallrye(SmallRyePolicies.rateLimit(io.smallrye.faulttolerance.api.Guard.create())
                    .build());
            case FAILSAFE -> failsafe(Failsafe.with(FailsafePolicies.rateLimiter()));
        };
    }
}
