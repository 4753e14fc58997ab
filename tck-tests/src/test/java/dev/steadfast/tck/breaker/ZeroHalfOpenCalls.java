package dev.steadfast.tck.breaker;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

/** A HALF_OPEN state that admits no trial: never valid. */
@ApplicationScoped
public class ZeroHalfOpenCalls {

    @CircuitBreaker(halfOpenMaxCalls = 0)
    public String call() {
        return "x";
    }
}
