package dev.steadfast.tck.ratelimit;

import dev.steadfast.RateLimit;
import dev.steadfast.RateLimitType;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.temporal.ChronoUnit;

/** Five calls per 200 ms, in fixed and in rolling windows; each admitted call returns when its body ran. */
@ApplicationScoped
public class FivePer200Millis {

    @RateLimit(value = 5, window = 200, windowUnit = ChronoUnit.MILLIS, type = RateLimitType.FIXED)
    public long fixed() {
        return System.nanoTime();
    }

    @RateLimit(value = 5, window = 200, windowUnit = ChronoUnit.MILLIS, type = RateLimitType.ROLLING)
    public long rolling() {
        return System.nanoTime();
    }
}
