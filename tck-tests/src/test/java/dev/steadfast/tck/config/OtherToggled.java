package dev.steadfast.tck.config;

import dev.steadfast.Retry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;

/** Another class, to show that a class-level switch stays in its class. */
@ApplicationScoped
public class OtherToggled {

    @Inject
    Counters counters;

    @Retry(maxRetries = 2)
    public String retried() throws IOException {
        throw new IOException("other " + counters.increment("other"));
    }
}
