package dev.steadfast.tck.breaker;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

/** Closing after no successful trial: never valid. */
@ApplicationScoped
public class ZeroSuccessThreshold {

    @CircuitBreaker(successThreshold = 0)
    public String call() {
        return "x";
    }
}
