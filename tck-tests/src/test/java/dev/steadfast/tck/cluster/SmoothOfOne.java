package dev.steadfast.tck.cluster;

import dev.steadfast.RateLimit;
import dev.steadfast.RateLimitType;
import dev.steadfast.Scope;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SmoothOfOne {

    @RateLimit(name = "one", value = 1, type = RateLimitType.SMOOTH, scope = Scope.CLUSTER)
    public String call() {
        return "call";
    }
}
