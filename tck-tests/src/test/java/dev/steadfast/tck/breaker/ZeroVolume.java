package dev.steadfast.tck.breaker;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

/** A window of no calls: never valid. */
@ApplicationScoped
public class ZeroVolume {

    @CircuitBreaker(requestVolumeThreshold = 0)
    public String call() {
        return "x";
    }
}
