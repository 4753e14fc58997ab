package dev.steadfast.engine;

import java.util.concurrent.CompletionStage;

/**
 * A stage whose work can outlive it. Cancelling or timing out a stage completes it at once, while the body behind it
 * may run on (a body that does not stop on interrupt). A bulkhead limits executions, not callers, so it holds its
 * permit until {@link #settled()} completes, not until the stage does.
 */
public interface Settles {

    /** Completes (normally) once the work behind this stage has really ended. */
    CompletionStage<Void> settled();
}
