package dev.steadfast.tck.lifecycle;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;

/** Calls a dependency through a breaker named {@code shared}: one failure opens it, for a minute. */
@ApplicationScoped
public class SharedDependency {

    @CircuitBreaker(name = "shared", requestVolumeThreshold = 1, failureRatio = 1.0, delay = 60_000)
    public String call(boolean fail) throws IOException {
        if (fail) {
            throw new IOException("down");
        }
        return "up";
    }
}
