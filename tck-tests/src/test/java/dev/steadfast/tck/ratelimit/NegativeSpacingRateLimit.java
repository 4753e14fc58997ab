package dev.steadfast.tck.ratelimit;

import dev.steadfast.RateLimit;
import jakarta.enterprise.context.ApplicationScoped;

/** A broken definition: negative minSpacing. */
@ApplicationScoped
public class NegativeSpacingRateLimit {

    @RateLimit(minSpacing = -5)
    public String call() {
        return "never deployed";
    }
}
