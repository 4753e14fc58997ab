package dev.steadfast.tck.registry;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The "shipping" breaker: two failures in a row open it for a minute. */
@ApplicationScoped
public class Shipping {

    private final AtomicInteger invocations = new AtomicInteger();

    @CircuitBreaker(name = "shipping", requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1,
            delayUnit = ChronoUnit.MINUTES)
    public String ship(boolean fail) throws IOException {
        int n = invocations.incrementAndGet();
        if (fail) {
            throw new IOException("ship failed " + n);
        }
        return "shipped " + n;
    }

    public int invocations() {
        return invocations.get();
    }
}
