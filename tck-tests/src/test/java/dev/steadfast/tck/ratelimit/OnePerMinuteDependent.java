package dev.steadfast.tck.ratelimit;

import dev.steadfast.RateLimit;
import jakarta.enterprise.context.Dependent;

import java.time.temporal.ChronoUnit;

/** A dependent bean: an instance per injection point, yet all share one rate limit (docs/order-and-state.md). */
@Dependent
public class OnePerMinuteDependent {

    @RateLimit(value = 1, window = 1, windowUnit = ChronoUnit.MINUTES)
    public String call() {
        return "admitted";
    }

    @RateLimit(value = 1, window = 1, windowUnit = ChronoUnit.MINUTES)
    public String other() {
        return "admitted";
    }
}
