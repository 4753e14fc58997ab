package dev.steadfast.engine.cluster;

import java.util.concurrent.Executor;

/**
 * The one thread on which an application's cluster exchange runs: every decision about leases, summaries, fleet
 * states and the connection is taken there, one task at a time, so that state needs no lock. A seam: production uses
 * {@link ThreadWorker}; tests use a worker they drain by hand.
 *
 * <p>{@link #execute} is called from any thread (calls, the backend's threads, the timer) and must return at once.
 */
public interface ClusterWorker extends Executor {

    /** Queues {@code task} to run after the tasks queued before it; never blocks, never runs it on the caller. */
    @Override
    void execute(Runnable task);

    /**
     * Runs what is queued, then stops; tasks queued afterwards are dropped. Waits a bounded time (a few seconds) for
     * the last task. Idempotent.
     */
    void close();
}
