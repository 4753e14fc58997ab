package dev.steadfast.tck.cluster;

import dev.steadfast.RateLimit;
import dev.steadfast.RateLimitType;
import dev.steadfast.Scope;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class RollingClusterLimit {

    @RateLimit(name = "rolling", type = RateLimitType.ROLLING, scope = Scope.CLUSTER)
    public String call() {
        return "call";
    }
}
