package dev.steadfast.tck.breaker;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

/** A failure ratio beyond 1: never valid. */
@ApplicationScoped
public class RatioAboveOne {

    @CircuitBreaker(failureRatio = 1.5)
    public String call() {
        return "x";
    }
}
