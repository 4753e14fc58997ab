package dev.steadfast.engine.throwaway;

import dev.steadfast.RateLimitType;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.breaker.BreakerRegistry;
import dev.steadfast.engine.bulkhead.BulkheadPolicy;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;
import dev.steadfast.engine.retry.RetryPolicy;
import dev.steadfast.engine.time.ManualClock;
import dev.steadfast.engine.time.ManualTimer;
import dev.steadfast.engine.timeout.TimeoutPolicy;

import java.util.List;
import java.util.function.Function;

/**
 * What one deployment does with its policies, run inside a throwaway class loader: builds two equal policies of one
 * kind (naming {@link ThrowawayFailure} where the policy names failures), compares and hashes them, and for a breaker
 * shares one by name in a registry, which compares the second policy with the first.
 */
public class ComparePolicies implements Function<String, Boolean> {

    @Override
    public Boolean apply(String kind) {
        List<Class<? extends Throwable>> failures = List.of(ThrowawayFailure.class);
        Object a;
        Object b;
        switch (kind) {
            case "breaker" -> {
                a = BreakerPolicy.builder().failOn(failures).build();
                b = BreakerPolicy.builder().failOn(failures).build();
                ManualClock clock = new ManualClock();
                BreakerRegistry registry = new BreakerRegistry(clock, new ManualTimer(clock), EngineListener.NONE);
                registry.getOrCreate("shared", (BreakerPolicy) a);
                registry.getOrCreate("shared", (BreakerPolicy) b);
            }
            case "retry" -> {
                a = RetryPolicy.builder().retryOn(failures).build();
                b = RetryPolicy.builder().retryOn(failures).build();
            }
            case "bulkhead" -> {
                a = new BulkheadPolicy(1, 1, 0);
                b = new BulkheadPolicy(1, 1, 0);
            }
            case "rate limit" -> {
                a = new RateLimitPolicy(1, 1, 0, RateLimitType.FIXED);
                b = new RateLimitPolicy(1, 1, 0, RateLimitType.FIXED);
            }
            case "timeout" -> {
                a = new TimeoutPolicy(1);
                b = new TimeoutPolicy(1);
            }
            default -> throw new IllegalArgumentException(kind);
        }
        return a != b && a.equals(b) && a.hashCode() == b.hashCode() && a.toString().equals(b.toString());
    }
}
