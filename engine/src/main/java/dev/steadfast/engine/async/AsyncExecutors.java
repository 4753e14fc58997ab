package dev.steadfast.engine.async;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's own executor for asynchronous work, created on first use: virtual threads on Java 21+ (found at run
 * time, so the code still compiles for 17), else a bounded pool of daemon threads that shrinks to zero when idle.
 * {@link #shutdown()} stops whichever was created.
 */
public final class AsyncExecutors {

    private static final int POOL_THREADS = Math.max(16, 4 * Runtime.getRuntime().availableProcessors());

    private ExecutorService created;
    private boolean shutdown;

    /** The executor, created on the first call. */
    public synchronized Executor executor() {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("Steadfast has been shut down");
        }
        if (created == null) {
            ExecutorService virtual = virtualThreadExecutor();
            created = virtual != null ? virtual : boundedPool();
        }
        return created;
    }

    /** Whether the executor in use runs virtual threads. */
    public synchronized boolean usesVirtualThreads() {
        return created != null && !(created instanceof ThreadPoolExecutor);
    }

    public synchronized void shutdown() {
        shutdown = true;
        if (created != null) {
            created.shutdownNow();
        }
    }

    /** {@code Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("steadfast-async-", 0).factory())}. */
    static ExecutorService virtualThreadExecutor() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builderClass = Class.forName("java.lang.Thread$Builder");
            Class<?> ofVirtualClass = Class.forName("java.lang.Thread$Builder$OfVirtual");
            Object builder = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtualClass))
                    .invoke();
            MethodHandle name = lookup.findVirtual(ofVirtualClass, "name",
                    MethodType.methodType(ofVirtualClass, String.class, long.class));
            builder = name.invoke(builder, "steadfast-async-", 0L);
            ThreadFactory factory = (ThreadFactory) lookup
                    .findVirtual(builderClass, "factory", MethodType.methodType(ThreadFactory.class)).invoke(builder);
            return (ExecutorService) lookup.findStatic(java.util.concurrent.Executors.class, "newThreadPerTaskExecutor",
                    MethodType.methodType(ExecutorService.class, ThreadFactory.class)).invoke(factory);
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            return null; // Java 17-20: no virtual threads
        } catch (Throwable e) {
            return null;
        }
    }

    private static ExecutorService boundedPool() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "steadfast-async-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(POOL_THREADS, POOL_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
