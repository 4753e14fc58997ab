package dev.steadfast.tck.retry;

import dev.steadfast.Fallback;
import dev.steadfast.Retry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;

/** One retry for every business method, unless a method says otherwise. */
@ApplicationScoped
@Retry(maxRetries = 1)
public class ClassLevelRetry {

    @Inject
    Counters counters;

    public String inherited() throws IOException {
        throw new IOException("inherited " + counters.increment("inherited"));
    }

    public String alsoInherited() throws IOException {
        throw new IOException("alsoInherited " + counters.increment("alsoInherited"));
    }

    @Retry(maxRetries = 4)
    public String replaced() throws IOException {
        throw new IOException("replaced " + counters.increment("replaced"));
    }

    @Fallback(fallbackMethod = "fallback")
    public String combined() throws IOException {
        throw new IOException("combined " + counters.increment("combined"));
    }

    String fallback() {
        return "fallback after " + counters.get("combined");
    }
}
