package dev.steadfast.health;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.temporal.ChronoUnit;

/** A non-critical dependency in the tests: the page renders without recommendations. */
@ApplicationScoped
public class Recommendations {

    @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.MINUTES)
    public String suggest(boolean fail) throws IOException {
        if (fail) {
            throw new IOException("recommendations unreachable");
        }
        return "suggested";
    }
}
