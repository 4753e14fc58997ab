package dev.steadfast.tck.breaker;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Opens when half of the last four calls failed; stays open for a minute. */
@ApplicationScoped
public class HalfOfFour {

    private final AtomicInteger invocations = new AtomicInteger();

    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 1, delayUnit = ChronoUnit.MINUTES)
    public String call(boolean fail) throws IOException {
        int n = invocations.incrementAndGet();
        if (fail) {
            throw new IOException("failure " + n);
        }
        return "ok " + n;
    }

    public int invocations() {
        return invocations.get();
    }
}
