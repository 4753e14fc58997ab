package dev.steadfast.tck.async;

import dev.steadfast.ExecutorFullException;
import dev.steadfast.engine.async.AsyncExecutors;
import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Steadfast's own pool (Java 17 to 20, no executor provided) has a bounded queue, {@code steadfast.executor.queue-size}
 * (default 1024 per core): a call beyond it fails at once with {@link ExecutorFullException} naming the executor.
 */
class ExecutorQueueTest {

    @Test
    void aCallBeyondTheQueueFailsWithExecutorFullException() throws Exception {
        assumeTrue(Runtime.version().feature() < 21, "Java 21+ runs bodies on virtual threads, without a queue");
        CountDownLatch release = new CountDownLatch(1);
        try (TestContainer c = TestContainer.start(Map.of("steadfast.executor.queue-size", "2"), Blocker.class)) {
            Blocker blocker = c.select(Blocker.class);
            CountDownLatch allBusy = new CountDownLatch(AsyncExecutors.POOL_THREADS);
            List<CompletableFuture<String>> calls = new ArrayList<>();
            for (int i = 0; i < AsyncExecutors.POOL_THREADS; i++) {
                calls.add(blocker.hold(allBusy, release).toCompletableFuture());
            }
            assertTrue(allBusy.await(10, TimeUnit.SECONDS), "every thread of the pool is busy");
            calls.add(blocker.hold(new CountDownLatch(1), release).toCompletableFuture());
            calls.add(blocker.hold(new CountDownLatch(1), release).toCompletableFuture());

            CompletableFuture<String> beyond = blocker.hold(new CountDownLatch(1), release).toCompletableFuture();

            ExecutionException e = assertThrows(ExecutionException.class, () -> beyond.get(5, TimeUnit.SECONDS));
            ExecutorFullException full = assertInstanceOf(ExecutorFullException.class, e.getCause());
            assertEquals("steadfast-async", full.getExecutor());
            assertEquals(2, full.getWaitingTaskQueue());
            release.countDown();
            for (CompletableFuture<String> call : calls) {
                assertEquals("released", call.get(10, TimeUnit.SECONDS), "the queued calls ran");
            }
        } finally {
            release.countDown();
        }
    }

    @Test
    void aQueueSizeThatIsNotAWholeNumberOfAtLeastOneFailsTheDeployment() {
        List<String> errors = TestContainer.deploymentErrors(Map.of("steadfast.executor.queue-size", "lots"),
                Blocker.class);

        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).contains("steadfast.executor.queue-size") && errors.get(0).contains("'lots'")
                && errors.get(0).contains("at least 1"), errors.get(0));
    }
}
