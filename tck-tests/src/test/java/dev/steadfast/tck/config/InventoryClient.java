package dev.steadfast.tck.config;

import dev.steadfast.Retry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;

/** Two always-failing methods with a method-level {@code @Retry(maxRetries = 5)}. */
@ApplicationScoped
public class InventoryClient {

    @Inject
    Counters counters;

    @Retry(maxRetries = 5)
    public String stock() throws IOException {
        throw new IOException("stock " + counters.increment("stock"));
    }

    @Retry(maxRetries = 5)
    public String reserve() throws IOException {
        throw new IOException("reserve " + counters.increment("reserve"));
    }
}
