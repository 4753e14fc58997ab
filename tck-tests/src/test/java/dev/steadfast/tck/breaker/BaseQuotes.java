package dev.steadfast.tck.breaker;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.temporal.ChronoUnit;

/** A bean whose guarded method a subclass bean inherits. */
@ApplicationScoped
public class BaseQuotes {

    @CircuitBreaker(requestVolumeThreshold = 1, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.MINUTES)
    public String quote(boolean fail) throws IOException {
        if (fail) {
            throw new IOException("no quote");
        }
        return "quote";
    }
}
