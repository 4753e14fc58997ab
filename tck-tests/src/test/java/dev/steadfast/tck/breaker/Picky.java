package dev.steadfast.tck.breaker;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Only I/O failures count, except a missing file; two in a row open it for a minute. */
@ApplicationScoped
public class Picky {

    private final AtomicInteger invocations = new AtomicInteger();

    @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.MINUTES,
            failOn = IOException.class, skipOn = FileNotFoundException.class)
    public void call(Exception failure) throws Exception {
        invocations.incrementAndGet();
        throw failure;
    }

    public int invocations() {
        return invocations.get();
    }
}
