package dev.steadfast.tck.cluster;

import dev.steadfast.RateLimit;
import dev.steadfast.Scope;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SpacedClusterLimit {

    @RateLimit(name = "spaced", minSpacing = 10, scope = Scope.CLUSTER)
    public String call() {
        return "call";
    }
}
