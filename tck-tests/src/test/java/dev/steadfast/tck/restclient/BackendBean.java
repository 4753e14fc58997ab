package dev.steadfast.tck.restclient;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A bean naming the same breaker as {@link BreakerClient#backend}. */
@ApplicationScoped
public class BackendBean {

    private final AtomicInteger invocations = new AtomicInteger();

    @CircuitBreaker(name = "backend", requestVolumeThreshold = 4, failureRatio = 1.0, delay = 1,
            delayUnit = ChronoUnit.MINUTES)
    public String call(boolean fail) throws IOException {
        invocations.incrementAndGet();
        if (fail) {
            throw new IOException("backend down");
        }
        return "ok";
    }

    int invocations() {
        return invocations.get();
    }
}
