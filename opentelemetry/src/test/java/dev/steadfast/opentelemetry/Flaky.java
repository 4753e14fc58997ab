package dev.steadfast.opentelemetry;

import dev.steadfast.Fallback;
import dev.steadfast.Retry;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

@ApplicationScoped
public class Flaky {

    private final AtomicInteger calls = new AtomicInteger();

    @Retry(maxRetries = 3)
    public String alwaysFails() throws IOException {
        throw new IOException("down");
    }

    @Retry(maxRetries = 3)
    public String failsTwice() throws IOException {
        if (calls.incrementAndGet() <= 2) {
            throw new IOException("not yet");
        }
        return "third time lucky";
    }

    @Retry(maxRetries = 1)
    @Fallback(fallbackMethod = "cached")
    public String quote() throws IOException {
        throw new IOException("down");
    }

    String cached() {
        return "cached";
    }

    @Retry(maxRetries = 2)
    public CompletionStage<String> staged(boolean fail) {
        return fail ? CompletableFuture.failedFuture(new IOException("down"))
                : CompletableFuture.completedFuture("staged");
    }
}
