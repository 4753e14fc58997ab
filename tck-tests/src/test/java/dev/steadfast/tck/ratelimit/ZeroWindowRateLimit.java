package dev.steadfast.tck.ratelimit;

import dev.steadfast.RateLimit;
import jakarta.enterprise.context.ApplicationScoped;

/** A broken definition: window 0. */
@ApplicationScoped
public class ZeroWindowRateLimit {

    @RateLimit(window = 0)
    public String call() {
        return "never deployed";
    }
}
