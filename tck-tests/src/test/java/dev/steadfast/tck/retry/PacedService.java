package dev.steadfast.tck.retry;

import dev.steadfast.Backoff;
import dev.steadfast.Retry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;

/** Always fails; the delays between its attempts are small but real. */
@ApplicationScoped
public class PacedService {

    @Inject
    Counters counters;

    @Retry(maxRetries = 4, delay = 2, backoff = Backoff.EXPONENTIAL, factor = 3, maxDelay = 20)
    public String exponential() throws IOException {
        throw new IOException("exponential " + counters.increment("exponential"));
    }

    @Retry(maxRetries = 5, delay = 1, backoff = Backoff.FIBONACCI)
    public String fibonacci() throws IOException {
        throw new IOException("fibonacci " + counters.increment("fibonacci"));
    }

    @Retry(maxRetries = 3, delay = 3)
    public String constant() throws IOException {
        throw new IOException("constant " + counters.increment("constant"));
    }

    /** No count limit: only the 400 ms budget ends it, with 50 ms between attempts. */
    @Retry(maxRetries = -1, delay = 50, maxDuration = 400)
    public String untilTheBudgetIsSpent() throws IOException {
        throw new IOException("untilTheBudgetIsSpent " + counters.increment("untilTheBudgetIsSpent"));
    }
}
