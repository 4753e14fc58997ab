package dev.steadfast.tck.config;

import dev.steadfast.Timeout;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Ten-second timeouts that config shortens. */
@ApplicationScoped
public class TimedCalls {

    /** Never completes: the stage fails at whatever deadline config sets. */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public CompletionStage<String> never() {
        return new CompletableFuture<>();
    }

    /** Sleeps until interrupted. */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public String sleepy() throws InterruptedException {
        Thread.sleep(30_000);
        return "woke up";
    }
}
