package dev.steadfast.tck.overload;

import dev.steadfast.BreakerKey;
import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class TwoKeys {

    @CircuitBreaker
    public String fetch(@BreakerKey String tenant, @BreakerKey String host) {
        return "x";
    }
}
