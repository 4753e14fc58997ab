package dev.steadfast.engine.async;

import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.bulkhead.AsyncBulkheadStrategy;
import dev.steadfast.engine.bulkhead.BulkheadPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The offload of an asynchronous body around the thread context (the CDI request context): whatever the context
 * does when it is activated or deactivated, the caller's future completes and the bulkhead gets its permit back.
 */
class AsyncOffloadStrategyTest {

    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private AsyncBulkheadStrategy<Object> oneAtATime(ThreadContext context) {
        AsyncOffloadStrategy<Object> offload = new AsyncOffloadStrategy<>(Invocation::proceed, pool, context);
        return new AsyncBulkheadStrategy<>(offload, "com.acme.Reports#render()", new BulkheadPolicy(1, 0, 0), pool,
                EngineListener.NONE);
    }

    @Test
    void aContextThatFailsToDeactivateStillGivesTheBulkheadItsPermitBack() throws Exception {
        AsyncBulkheadStrategy<Object> bulkhead = oneAtATime(new ThreadContext() {
            @Override
            public Object activate() {
                return "token";
            }

            @Override
            public void deactivate(Object token) {
                throw new IllegalStateException("ContextNotActiveException: the request context is not active");
            }
        });

        assertEquals("first", bulkhead.call(() -> CompletableFuture.completedFuture("first")).toCompletableFuture()
                .get(5, TimeUnit.SECONDS));

        awaitNoneRunning(bulkhead);
        assertEquals("second", bulkhead.call(() -> CompletableFuture.completedFuture("second"))
                .toCompletableFuture().get(5, TimeUnit.SECONDS));
    }

    @Test
    void aContextThatFailsToActivateFailsTheCallAndGivesThePermitBack() throws Exception {
        IllegalStateException broken = new IllegalStateException("no request context here");
        AsyncBulkheadStrategy<Object> bulkhead = oneAtATime(new ThreadContext() {
            @Override
            public Object activate() {
                throw broken;
            }

            @Override
            public void deactivate(Object token) {
            }
        });

        ExecutionException e = assertThrows(ExecutionException.class, () -> bulkhead
                .call(() -> CompletableFuture.completedFuture("never")).toCompletableFuture().get(5, TimeUnit.SECONDS));

        assertInstanceOf(IllegalStateException.class, e.getCause());
        awaitNoneRunning(bulkhead);
    }

    private static void awaitNoneRunning(AsyncBulkheadStrategy<?> bulkhead) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (bulkhead.running() != 0 && System.nanoTime() - deadline < 0) {
            Thread.sleep(5);
        }
        assertTrue(bulkhead.running() == 0, "the permit never came back: " + bulkhead.running() + " running");
    }
}
