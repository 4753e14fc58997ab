package dev.steadfast.tck.ratelimit;

import dev.steadfast.RateLimit;
import dev.steadfast.RateLimitType;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Five calls a minute as a token bucket: a burst of five, then one permit back every 12 s. */
@ApplicationScoped
public class SmoothFivePerMinute {

    private final AtomicInteger invocations = new AtomicInteger();

    @RateLimit(value = 5, window = 1, windowUnit = ChronoUnit.MINUTES, type = RateLimitType.SMOOTH)
    public int call() {
        return invocations.incrementAndGet();
    }
}
