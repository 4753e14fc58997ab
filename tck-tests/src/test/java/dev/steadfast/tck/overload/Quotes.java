package dev.steadfast.tck.overload;

import dev.steadfast.Retry;
import dev.steadfast.RetryBudget;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** A dependency that always fails, behind a retry rationed by the budget "quotes" (ratio 0: the reserve alone). */
@ApplicationScoped
public class Quotes {

    private final AtomicInteger attempts = new AtomicInteger();

    /** Attempts since the last reset (the client proxy forwards methods, not fields). */
    public int attempts() {
        return attempts.get();
    }

    public void reset() {
        attempts.set(0);
    }

    @Retry(maxRetries = 3)
    @RetryBudget(name = "quotes", ratio = 0, minPerSecond = 1, window = 1)
    public String fetch() throws IOException {
        attempts.incrementAndGet();
        throw new IOException("down");
    }

    @Retry(maxRetries = 3)
    @RetryBudget(name = "quotes", ratio = 0, minPerSecond = 1, window = 1)
    public String other() throws IOException {
        attempts.incrementAndGet();
        throw new IOException("down");
    }

    @Retry(maxRetries = 2)
    @RetryBudget
    public String own() throws IOException {
        attempts.incrementAndGet();
        throw new IOException("down");
    }
}
