package dev.steadfast.tck.health;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;

/** A breaker beside the components. */
@ApplicationScoped
public class Payments {

    @CircuitBreaker(name = "payments", requestVolumeThreshold = 1, failureRatio = 1.0)
    public void charge(boolean fail) throws IOException {
        if (fail) {
            throw new IOException("gateway down");
        }
    }
}
