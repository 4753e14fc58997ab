package dev.steadfast.tck.ratelimit;

import dev.steadfast.RateLimit;
import jakarta.enterprise.context.ApplicationScoped;

/** A broken definition: negative window. */
@ApplicationScoped
public class NegativeWindowRateLimit {

    @RateLimit(window = -1)
    public String call() {
        return "never deployed";
    }
}
