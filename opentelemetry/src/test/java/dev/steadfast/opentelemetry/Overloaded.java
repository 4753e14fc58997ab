package dev.steadfast.opentelemetry;

import dev.steadfast.AdaptiveBulkhead;
import dev.steadfast.BreakerKey;
import dev.steadfast.CircuitBreaker;
import dev.steadfast.Retry;
import dev.steadfast.RetryBudget;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;

/** The three overload controls, each in its simplest form. */
@ApplicationScoped
public class Overloaded {

    @Retry(maxRetries = 3)
    @RetryBudget(name = "tight", ratio = 0, minPerSecond = 0)
    public String rationed() throws IOException {
        throw new IOException("down");
    }

    @AdaptiveBulkhead(initialLimit = 7)
    public String adaptive() {
        return "ok";
    }

    @CircuitBreaker(name = "hosts", requestVolumeThreshold = 1, failureRatio = 1.0)
    public String host(@BreakerKey String host, boolean fail) throws IOException {
        if (fail) {
            throw new IOException("down");
        }
        return "ok";
    }
}
