package dev.steadfast.tck.retry;

import dev.steadfast.Retry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;

/** Carries {@code @PaymentsCall}; one method replaces the stereotype's retry with its own. */
@ApplicationScoped
@PaymentsCall
public class PaymentsClient {

    @Inject
    Counters counters;

    public String charge() throws IOException {
        throw new IOException("charge " + counters.increment("charge"));
    }

    public String refund() {
        throw new IllegalStateException("refund " + counters.increment("refund"));
    }

    @Retry(maxRetries = 0)
    public String capture() throws IOException {
        throw new IOException("capture " + counters.increment("capture"));
    }
}
