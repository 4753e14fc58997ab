package dev.steadfast.tck.breaker;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A class-level breaker (two failures) for every method, except {@link #third}, which has its own (one failure). */
@ApplicationScoped
@CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.MINUTES)
public class ClassLevelBreaker {

    private final AtomicInteger invocations = new AtomicInteger();

    public String first(boolean fail) throws IOException {
        return work(fail);
    }

    public String second(boolean fail) throws IOException {
        return work(fail);
    }

    @CircuitBreaker(requestVolumeThreshold = 1, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.MINUTES)
    public String third(boolean fail) throws IOException {
        return work(fail);
    }

    /** Overloads: each gets its own breaker. */
    public String lookup(String key) throws IOException {
        return work(key == null);
    }

    public String lookup(int key) throws IOException {
        return work(key < 0);
    }

    private String work(boolean fail) throws IOException {
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
