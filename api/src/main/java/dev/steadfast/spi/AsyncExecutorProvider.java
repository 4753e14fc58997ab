package dev.steadfast.spi;

import java.util.concurrent.Executor;

/**
 * Supplies the executor that runs {@link dev.steadfast.Asynchronous} method bodies. Declare a CDI bean implementing it
 * to replace Steadfast's choice (the container's default {@code ManagedExecutorService}, else virtual threads on
 * Java 21+, else a bounded pool). Steadfast asks once, when the first asynchronous call is made, and never shuts the
 * executor down: it belongs to the provider.
 */
public interface AsyncExecutorProvider {

    /** The executor for asynchronous bodies; must run every task it accepts or throw {@code RejectedExecutionException}. */
    Executor executor();
}
