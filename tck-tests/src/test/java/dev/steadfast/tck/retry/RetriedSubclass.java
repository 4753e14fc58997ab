package dev.steadfast.tck.retry;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;

/** Inherits {@code @Retry(maxRetries = 2)} from its superclass. */
@ApplicationScoped
public class RetriedSubclass extends RetriedBase {

    public String own() throws IOException {
        throw new IOException("own " + counters.increment("sub.own"));
    }
}
