package dev.steadfast.tck.degradation;

import dev.steadfast.Fallback;
import dev.steadfast.Retry;
import dev.steadfast.engine.time.ManualClock;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Duration;

/** A feed whose every attempt takes 700 ms of the test's clock and fails; retried twice, 100 ms apart. */
@ApplicationScoped
public class SlowFeed {

    /** The test's clock, set before the call. */
    static volatile ManualClock clock;

    @Retry(maxRetries = 2, delay = 100)
    @Fallback(fallbackMethod = "stale")
    public String price(String symbol) throws IOException {
        clock.advance(Duration.ofMillis(700));
        throw new IOException("feed timed out");
    }

    String stale(String symbol) {
        return "stale " + symbol;
    }
}
