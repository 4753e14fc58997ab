package dev.steadfast.tck.overload;

import dev.steadfast.BreakerKey;
import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

/** Two methods naming one breaker: one keyed, one not. */
@ApplicationScoped
public class KeyedHalf {

    @CircuitBreaker(name = "half")
    public String fetch(@BreakerKey String tenant) {
        return "x";
    }

    @CircuitBreaker(name = "half")
    public String list() {
        return "x";
    }
}
