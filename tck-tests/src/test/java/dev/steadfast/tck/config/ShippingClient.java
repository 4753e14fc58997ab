package dev.steadfast.tck.config;

import dev.steadfast.Retry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;

/** An always-failing method under a class-level {@code @Retry(maxRetries = 5)}. */
@ApplicationScoped
@Retry(maxRetries = 5)
public class ShippingClient {

    @Inject
    Counters counters;

    public String track() throws IOException {
        throw new IOException("track " + counters.increment("track"));
    }
}
