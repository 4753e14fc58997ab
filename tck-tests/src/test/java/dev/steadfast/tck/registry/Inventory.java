package dev.steadfast.tck.registry;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Two unnamed breakers, one per method; windows of 4, half failures open them for a minute. */
@ApplicationScoped
public class Inventory {

    private final AtomicInteger invocations = new AtomicInteger();

    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 1, delayUnit = ChronoUnit.MINUTES)
    public int count(boolean fail) throws IOException {
        return work("count", fail);
    }

    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 1, delayUnit = ChronoUnit.MINUTES)
    public int reserve(boolean fail) throws IOException {
        return work("reserve", fail);
    }

    private int work(String what, boolean fail) throws IOException {
        int n = invocations.incrementAndGet();
        if (fail) {
            throw new IOException(what + " failed " + n);
        }
        return n;
    }

    public int invocations() {
        return invocations.get();
    }
}
