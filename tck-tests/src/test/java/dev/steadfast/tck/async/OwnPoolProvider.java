package dev.steadfast.tck.async;

import dev.steadfast.spi.AsyncExecutorProvider;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Hands Steadfast an {@link ExecutorService} that the application owns and shuts down itself. */
@ApplicationScoped
public class OwnPoolProvider implements AsyncExecutorProvider {

    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "own-pool");
        t.setDaemon(true);
        return t;
    });

    @Override
    public Executor executor() {
        return pool;
    }

    public ExecutorService pool() {
        return pool;
    }
}
