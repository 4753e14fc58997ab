package dev.steadfast.tck.config;

import dev.steadfast.Fallback;
import dev.steadfast.Retry;
import dev.steadfast.Timeout;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Policies that config switches off in these tests. */
@ApplicationScoped
public class Toggled {

    @Inject
    Counters counters;

    @Retry(maxRetries = 2)
    public String retried() throws IOException {
        throw new IOException("retried " + counters.increment("retried"));
    }

    @Retry(maxRetries = 2)
    @Fallback(fallbackMethod = "fallback")
    public String retriedWithFallback() throws IOException {
        throw new IOException("retriedWithFallback " + counters.increment("retriedWithFallback"));
    }

    String fallback() {
        return "fallback after " + counters.get("retriedWithFallback");
    }

    /** Busy for 150 ms, ignoring interrupts, under a 20 ms timeout. */
    @Timeout(20)
    public String slow() {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(150);
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
        return "slow but done";
    }
}
