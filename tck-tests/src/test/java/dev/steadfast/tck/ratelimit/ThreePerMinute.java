package dev.steadfast.tck.ratelimit;

import dev.steadfast.RateLimit;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Three calls a minute. */
@ApplicationScoped
public class ThreePerMinute {

    private final AtomicInteger invocations = new AtomicInteger();

    @RateLimit(value = 3, window = 1, windowUnit = ChronoUnit.MINUTES)
    public int call() {
        return invocations.incrementAndGet();
    }

    public int invocations() {
        return invocations.get();
    }
}
