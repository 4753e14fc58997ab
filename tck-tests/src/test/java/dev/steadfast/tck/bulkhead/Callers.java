package dev.steadfast.tck.bulkhead;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Calls made from threads of their own, so that a test can hold several of them inside a method at once. */
final class Callers {

    private Callers() {
    }

    /** A call running on its own thread; {@code result} completes with what it returned or threw. */
    record Caller<T>(Thread thread, CompletableFuture<T> result) {
    }

    static <T> Caller<T> inBackground(String name, Callable<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return new Caller<>(thread, result);
    }

    /** Waits (up to 5 s) until {@code thread} is parked, that is, waiting for a permit. */
    static boolean awaitParked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() - deadline < 0) {
            Thread.State state = thread.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                return true;
            }
            if (state == Thread.State.TERMINATED) {
                return false;
            }
            Thread.sleep(1);
        }
        return false;
    }
}
