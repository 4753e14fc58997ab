package dev.steadfast.tck.registry;

import dev.steadfast.Retry;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** Fails its first call, succeeds on the retry. */
@ApplicationScoped
public class Courier {

    private final AtomicInteger invocations = new AtomicInteger();

    @Retry(maxRetries = 2)
    public String deliver() throws IOException {
        int n = invocations.incrementAndGet();
        if (n == 1) {
            throw new IOException("van broke down");
        }
        return "delivered on attempt " + n;
    }
}
