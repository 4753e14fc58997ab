package dev.steadfast.tck.async;

import dev.steadfast.Asynchronous;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** An asynchronous body that tells which thread ran it. */
@ApplicationScoped
public class WhereAmI {

    @Asynchronous
    public CompletionStage<Thread> thread() {
        return CompletableFuture.completedFuture(Thread.currentThread());
    }
}
