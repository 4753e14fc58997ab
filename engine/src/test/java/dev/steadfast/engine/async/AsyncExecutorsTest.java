package dev.steadfast.engine.async;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.ExecutorFullException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Steadfast's own executor: threads that carry nothing of the callers that happened to start them. */
class AsyncExecutorsTest {

    private static final InheritableThreadLocal<String> REQUEST = new InheritableThreadLocal<>();

    private final AsyncExecutors executors = new AsyncExecutors();

    @AfterEach
    void stop() {
        executors.shutdown();
        REQUEST.remove();
    }

    @Test
    void theJava17PoolRefusesABodyBeyondItsQueueWithAnExceptionNamingTheExecutor() throws Exception {
        ExecutorService pool = AsyncExecutors.boundedPool(2, 3);
        CountDownLatch release = new CountDownLatch(1);
        try {
            CountDownLatch busy = new CountDownLatch(2);
            for (int i = 0; i < 2; i++) {
                pool.execute(() -> {
                    busy.countDown();
                    await(release);
                });
            }
            assertTrue(busy.await(5, TimeUnit.SECONDS), "both threads busy");
            for (int i = 0; i < 3; i++) {
                pool.execute(() -> { });
            }

            ExecutorFullException e = assertThrows(ExecutorFullException.class, () -> pool.execute(() -> { }));

            assertEquals("steadfast-async", e.getExecutor());
            assertEquals(2, e.getMaxConcurrentCalls());
            assertEquals(3, e.getWaitingTaskQueue());
            assertTrue(e.getMessage().contains("'steadfast-async' is full"), e.getMessage());
            assertTrue(e.getMessage().contains("steadfast.executor.queue-size"), e.getMessage());
            assertInstanceOf(BulkheadFullException.class, e, "a rejection, not the dependency's failure");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aPlaceInTheQueueComesBackWhenAQueuedBodyStarts() throws Exception {
        ExecutorService pool = AsyncExecutors.boundedPool(1, 1);
        try {
            for (int i = 0; i < 50; i++) {
                CompletableFuture<Void> ran = new CompletableFuture<>();
                pool.execute(() -> ran.complete(null));
                ran.get(5, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aHandOffIsNeverRefusedForTheBoundAndGoesAheadOfTheQueuedBodies() throws Exception {
        ExecutorService pool = AsyncExecutors.boundedPool(1, 2);
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        try {
            CountDownLatch busy = new CountDownLatch(1);
            pool.execute(() -> {
                busy.countDown();
                await(release);
            });
            assertTrue(busy.await(5, TimeUnit.SECONDS));
            pool.execute(() -> order.add("body 1"));
            pool.execute(() -> order.add("body 2"));
            assertThrows(ExecutorFullException.class, () -> pool.execute(() -> order.add("body 3")));

            CountDownLatch done = new CountDownLatch(1);
            AsyncExecutors.handOffTo(pool, () -> order.add("timeout expired"));
            AsyncExecutors.handOffTo(pool, done::countDown);
            release.countDown();

            assertTrue(done.await(5, TimeUnit.SECONDS));
            pool.shutdown();
            assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
            assertEquals(List.of("timeout expired", "body 1", "body 2"), order.subList(0, 3));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aLaterRequestNeverSeesAnEarlierRequestsThreadLocalOnAPooledThread() throws Exception {
        ExecutorService pool = AsyncExecutors.boundedPool(1, 10);
        try {
            Thread requestA = new Thread(() -> {
                REQUEST.set("request A's user");
                pool.execute(() -> { }); // starts the pool's only thread
            });
            requestA.start();
            requestA.join();

            CompletableFuture<String> seenByB = new CompletableFuture<>();
            pool.execute(() -> seenByB.complete(String.valueOf(REQUEST.get())));

            assertEquals("null", seenByB.get(5, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTaskSeesNeitherTheInheritableThreadLocalsNorTheContextClassLoaderOfTheThreadThatStartedItsWorker()
            throws Exception {
        ClassLoader requestLoader = new URLClassLoader("request-a", new URL[0], getClass().getClassLoader());
        CompletableFuture<String> seenLocal = new CompletableFuture<>();
        CompletableFuture<ClassLoader> seenLoader = new CompletableFuture<>();
        Thread requestA = new Thread(() -> {
            REQUEST.set("request A's user");
            Thread.currentThread().setContextClassLoader(requestLoader);
            executors.executor().execute(() -> {
                seenLocal.complete(String.valueOf(REQUEST.get()));
                seenLoader.complete(Thread.currentThread().getContextClassLoader());
            });
        });
        requestA.start();
        requestA.join();

        assertEquals("null", seenLocal.get(5, TimeUnit.SECONDS), "request A's thread local reached a Steadfast thread");
        assertNotSame(requestLoader, seenLoader.get(5, TimeUnit.SECONDS));
    }

    @Test
    void handOffsBeforeTheFirstAsynchronousCallRunOnSteadfastsOwnAndLeaveTheChoiceToThatCall() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        ExecutorService provided = Executors.newSingleThreadExecutor(r -> new Thread(r, "provided"));
        AsyncExecutors chosenLater = new AsyncExecutors(() -> {
            asked.incrementAndGet();
            return provided;
        }, 10);
        try {
            CompletableFuture<String> before = new CompletableFuture<>();
            chosenLater.handOff(() -> before.complete(Thread.currentThread().getName()));
            assertTrue(before.get(5, TimeUnit.SECONDS).startsWith("steadfast-async-"));
            assertEquals(0, asked.get(), "the provider is the application's: asked on its thread, by its first call");

            chosenLater.executor();
            CompletableFuture<String> after = new CompletableFuture<>();
            chosenLater.handOff(() -> after.complete(Thread.currentThread().getName()));

            assertEquals("provided", after.get(5, TimeUnit.SECONDS), "once chosen, hand-offs go there");
            assertEquals(1, asked.get());
        } finally {
            chosenLater.shutdown();
            provided.shutdownNow();
        }
    }

    @Test
    void aHandOffTheProvidedExecutorRefusesRunsOnSteadfastsOwn() throws Exception {
        AsyncExecutors refusing = new AsyncExecutors(() -> task -> {
            throw new RejectedExecutionException("saturated");
        }, 10);
        try {
            refusing.executor();
            CompletableFuture<String> ranOn = new CompletableFuture<>();

            refusing.handOff(() -> ranOn.complete(Thread.currentThread().getName()));

            assertTrue(ranOn.get(5, TimeUnit.SECONDS).startsWith("steadfast-async-"));
        } finally {
            refusing.shutdown();
        }
    }

    @Test
    void afterShutdownEverythingIsRefused() {
        executors.executor();
        executors.shutdown();

        assertThrows(RejectedExecutionException.class, () -> executors.executor().execute(() -> { }));
        assertThrows(RejectedExecutionException.class, () -> executors.handOff(() -> { }));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
