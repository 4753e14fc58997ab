package dev.steadfast.tck.cluster;

import dev.steadfast.BreakerKey;
import dev.steadfast.CircuitBreaker;
import dev.steadfast.Scope;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class KeyedClusterBreaker {

    @CircuitBreaker(name = "fleet-tenants", scope = Scope.CLUSTER)
    public String call(@BreakerKey String tenant) {
        return tenant;
    }
}
