package dev.steadfast.tck.retry;

import dev.steadfast.Retry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;

/** Carries {@code @PaymentsCall} and a class-level {@code @Retry} of its own, which wins. */
@ApplicationScoped
@PaymentsCall
@Retry(maxRetries = 4)
public class OverridingPaymentsClient {

    @Inject
    Counters counters;

    public String charge() throws IOException {
        throw new IOException("override.charge " + counters.increment("override.charge"));
    }
}
