package dev.steadfast.tck.breaker;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

/** A negative delay: never valid. */
@ApplicationScoped
public class NegativeDelay {

    @CircuitBreaker(delay = -1)
    public String call() {
        return "x";
    }
}
