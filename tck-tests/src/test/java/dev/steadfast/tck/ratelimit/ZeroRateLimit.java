package dev.steadfast.tck.ratelimit;

import dev.steadfast.RateLimit;
import jakarta.enterprise.context.ApplicationScoped;

/** A broken definition: value 0. */
@ApplicationScoped
public class ZeroRateLimit {

    @RateLimit(0)
    public String call() {
        return "never deployed";
    }
}
