package dev.steadfast.tck.async;

import dev.steadfast.spi.AsyncExecutorProvider;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/** The application's own executor for asynchronous bodies: it names its threads and counts the tasks it runs. */
@ApplicationScoped
public class CountingExecutorProvider implements AsyncExecutorProvider {

    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicInteger tasks = new AtomicInteger();
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "provided-async-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    @Override
    public Executor executor() {
        asked.incrementAndGet();
        return task -> {
            tasks.incrementAndGet();
            pool.execute(task);
        };
    }

    /** How often Steadfast asked for the executor. */
    public int asked() {
        return asked.get();
    }

    /** Tasks the executor was given. */
    public int tasks() {
        return tasks.get();
    }

    @PreDestroy
    void shutdown() {
        pool.shutdownNow();
    }
}
