package dev.steadfast.tck.lifecycle;

import dev.steadfast.spi.AsyncExecutorProvider;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** An application-owned executor with a single thread, so that a second task waits in its queue. */
@ApplicationScoped
public class OneThreadExecutor implements AsyncExecutorProvider {

    static final ExecutorService POOL = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "one-thread-executor");
        t.setDaemon(true);
        return t;
    });

    @Override
    public Executor executor() {
        return POOL;
    }
}
