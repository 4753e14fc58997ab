package dev.steadfast.tck.ratelimit;

import dev.steadfast.RateLimit;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Plenty of calls a minute, but at least 100 ms apart. */
@ApplicationScoped
public class SpacedOut {

    private final AtomicInteger invocations = new AtomicInteger();

    @RateLimit(value = 100, window = 1, windowUnit = ChronoUnit.MINUTES, minSpacing = 100)
    public int call() {
        return invocations.incrementAndGet();
    }

    public int invocations() {
        return invocations.get();
    }
}
