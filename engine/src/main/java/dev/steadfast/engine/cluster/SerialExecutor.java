package dev.steadfast.engine.cluster;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks one at a time, in order, on another executor: how fleet transitions reach a breaker (and its listeners,
 * which may be application code) off the exchange's thread, without two of them racing each other. A drain runs
 * every task queued while it runs; one that throws does not stop the others.
 */
final class SerialExecutor implements Executor {

    private static final System.Logger LOG = System.getLogger("dev.steadfast");

    private final Executor target;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();

    SerialExecutor(Executor target) {
        this.target = target;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        // The thread that moves `pending` from 0 starts a drain; later ones only add to what it will run.
        if (pending.getAndIncrement() == 0) {
            try {
                target.execute(this::drain);
            } catch (RejectedExecutionException e) {
                drain(); // the executor stopped with the application: run here rather than lose a transition
            }
        }
    }

    private void drain() {
        do {
            Runnable t = tasks.poll();
            if (t != null) {
                try {
                    t.run();
                } catch (RuntimeException | LinkageError e) {
                    LOG.log(System.Logger.Level.WARNING, "Applying a fleet decision failed", e);
                }
            }
        } while (pending.decrementAndGet() != 0);
    }
}
