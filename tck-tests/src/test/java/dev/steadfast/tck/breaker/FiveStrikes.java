package dev.steadfast.tck.breaker;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** "Open after 5 consecutive failures", and stay open for a minute. */
@ApplicationScoped
public class FiveStrikes {

    private final AtomicInteger invocations = new AtomicInteger();
    private volatile boolean failing;

    @CircuitBreaker(requestVolumeThreshold = 5, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.MINUTES)
    public String call() throws IOException {
        int n = invocations.incrementAndGet();
        if (failing) {
            throw new IOException("failure " + n);
        }
        return "ok " + n;
    }

    public void startFailing() {
        failing = true;
    }

    public void recover() {
        failing = false;
    }

    public int invocations() {
        return invocations.get();
    }
}
