package dev.steadfast.tck.registry;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** Fails three calls in four; half failures in a window of 10 open it for 1 ms, so it opens and closes all the time. */
@ApplicationScoped
public class Stockroom {

    private final AtomicInteger invocations = new AtomicInteger();

    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 1)
    public int take(int n) throws IOException {
        invocations.incrementAndGet();
        if (n % 4 != 0) {
            throw new IOException("out of stock " + n);
        }
        return n;
    }

    public int invocations() {
        return invocations.get();
    }
}
