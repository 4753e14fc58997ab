package dev.steadfast.benchmarks;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds one bulkhead permit for the whole measurement: a daemon thread runs a call through the guard whose body parks
 * on a latch, so every measured call finds the bulkhead (of size 1) full. {@link #close()} lets it finish.
 */
public final class Occupant implements AutoCloseable {

    /** Runs a body through the library's guard. */
    @FunctionalInterface
    public interface Guarded {
        Object run(Callable<String> body) throws Exception;
    }

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final Thread thread;
    private volatile Throwable failure;

    public Occupant(String library, Guarded guarded) {
        Callable<String> body = () -> {
            entered.countDown();
            release.await();
            return Work.RESULT;
        };
        thread = new Thread(() -> {
            try {
                guarded.run(body);
            } catch (Throwable e) {
                failure = e;
                entered.countDown();
            }
        }, "bulkhead-occupant-" + library);
        thread.setDaemon(true);
        thread.start();
        try {
            if (!entered.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(library + ": the occupant did not enter the bulkhead in 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(library + ": interrupted while filling the bulkhead", e);
        }
        if (failure != null) {
            throw new IllegalStateException(library + ": the occupant could not enter the bulkhead", failure);
        }
    }

    @Override
    public void close() throws InterruptedException {
        release.countDown();
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }
}
