package dev.steadfast.tck.ratelimit;

import dev.steadfast.RateLimit;
import jakarta.enterprise.context.Dependent;

import java.time.temporal.ChronoUnit;

/** A dependent bean: every injection point gets its own instance, yet they share one rate limit (SPEC §3). */
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
