package dev.steadfast.health;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.temporal.ChronoUnit;

/** A critical dependency in the tests: without payments the application cannot serve. */
@ApplicationScoped
public class Payments {

    @CircuitBreaker(name = "payments", requestVolumeThreshold = 2, failureRatio = 1.0, delay = 30,
            delayUnit = ChronoUnit.SECONDS)
    public String charge(boolean fail) throws IOException {
        if (fail) {
            throw new IOException("payments unreachable");
        }
        return "charged";
    }
}
