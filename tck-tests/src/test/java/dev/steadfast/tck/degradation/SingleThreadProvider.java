package dev.steadfast.tck.degradation;

import dev.steadfast.spi.AsyncExecutorProvider;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** One thread for every asynchronous body, so that consecutive calls share it: what a thread-local would leak into. */
@ApplicationScoped
public class SingleThreadProvider implements AsyncExecutorProvider {

    private final ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "desk-async");
        t.setDaemon(true);
        return t;
    });

    @Override
    public Executor executor() {
        return pool;
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
