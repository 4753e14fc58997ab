package dev.steadfast.opentelemetry;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.temporal.ChronoUnit;

@ApplicationScoped
public class Payments {

    @CircuitBreaker(name = "payments", requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1,
            delayUnit = ChronoUnit.HOURS)
    public String charge(boolean fail) throws IOException {
        if (fail) {
            throw new IOException("declined");
        }
        return "charged";
    }
}
