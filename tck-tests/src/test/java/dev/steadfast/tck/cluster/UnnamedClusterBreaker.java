package dev.steadfast.tck.cluster;

import dev.steadfast.CircuitBreaker;
import dev.steadfast.Scope;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class UnnamedClusterBreaker {

    @CircuitBreaker(scope = Scope.CLUSTER)
    public String call() {
        return "call";
    }
}
