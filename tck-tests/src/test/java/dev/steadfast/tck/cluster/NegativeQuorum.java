package dev.steadfast.tck.cluster;

import dev.steadfast.CircuitBreaker;
import dev.steadfast.Scope;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class NegativeQuorum {

    @CircuitBreaker(name = "quorum", scope = Scope.CLUSTER, quorum = -1)
    public String call() {
        return "call";
    }
}
