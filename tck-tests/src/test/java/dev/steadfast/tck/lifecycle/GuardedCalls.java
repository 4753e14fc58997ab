package dev.steadfast.tck.lifecycle;

import dev.steadfast.Asynchronous;
import dev.steadfast.Timeout;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Guarded methods that need Steadfast's threads: a timeout (the timer) and an asynchronous body (the executor). */
@ApplicationScoped
public class GuardedCalls {

    @Timeout(5000)
    public String timed() {
        return "timed";
    }

    @Asynchronous
    @Timeout(5000)
    public CompletionStage<String> async() {
        return CompletableFuture.completedFuture(Thread.currentThread().getName());
    }

    public String unguarded() {
        return "unguarded";
    }
}
