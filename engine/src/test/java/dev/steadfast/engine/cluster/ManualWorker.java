package dev.steadfast.engine.cluster;

import java.util.concurrent.ConcurrentLinkedQueue;

/** A {@link ClusterWorker} that runs its tasks only when the test says so, on the test's thread. */
final class ManualWorker implements ClusterWorker {

    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    @Override
    public void execute(Runnable task) {
        if (!closed) {
            queue.add(task);
        }
    }

    /** Runs every queued task, those they queue included; returns how many ran. */
    int runPending() {
        int n = 0;
        for (Runnable r; (r = queue.poll()) != null; ) {
            r.run();
            n++;
        }
        return n;
    }

    @Override
    public void close() {
        runPending();
        closed = true;
        queue.clear();
    }
}
