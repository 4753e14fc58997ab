package dev.steadfast.engine.cluster;

import java.lang.System.Logger.Level;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ClusterWorker} on one daemon thread, {@code steadfast-cluster}, started on the first task. It inherits no
 * thread locals, its context class loader is Steadfast's own, and it runs only the exchange's tasks: never
 * application code (transitions that may reach application listeners are handed to another executor). A task that
 * throws is logged and the thread goes on.
 */
final class ThreadWorker implements ClusterWorker {

    private static final System.Logger LOG = System.getLogger("dev.steadfast");
    private static final Runnable STOP = () -> { };

    private final String name;
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private Thread thread; // guarded by this
    private boolean closed; // guarded by this

    ThreadWorker(String name) {
        this.name = name;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (thread == null) {
                thread = new Thread(null, this::loop, name, 0, false);
                thread.setDaemon(true);
                thread.setContextClassLoader(ThreadWorker.class.getClassLoader());
                thread.start();
            }
        }
        queue.add(task);
    }

    private void loop() {
        while (true) {
            Runnable task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                continue; // only close() ends this thread, with STOP
            }
            if (task == STOP) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException | LinkageError | AssertionError e) {
                LOG.log(Level.ERROR, "A Steadfast cluster task failed; the exchange goes on", e);
            }
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            t = thread;
        }
        if (t == null) {
            return;
        }
        queue.add(STOP);
        if (t != Thread.currentThread()) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
