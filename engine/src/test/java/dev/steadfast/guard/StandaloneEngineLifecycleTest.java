package dev.steadfast.guard;

import dev.steadfast.FaultToleranceException;
import dev.steadfast.guard.app.GuardedApplication;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Programmatic guards without a container, built by applications that come and go (WARs beside a shared Steadfast
 * jar): each application's loader builds its own standalone engine, the threads Steadfast starts carry neither the
 * application's class loader nor its inheritable thread locals, and once an application is gone nothing of
 * Steadfast's keeps its class loader reachable.
 */
class StandaloneEngineLifecycleTest {

    private static final int APPLICATIONS = 5;

    @Test
    void fiveApplicationsThatComeAndGoLeaveNoClassLoaderReachable() throws Exception {
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        for (int i = 0; i < APPLICATIONS; i++) {
            loaders.add(new WeakReference<>(deployRunAndForget("app-" + i)));
        }

        awaitCollected(loaders);
    }

    @Test
    void noThreadSteadfastStartedCarriesAnApplicationsClassLoader() throws Exception {
        ClassLoader app = new ThrowawayLoader("app-threads", GuardedApplication.class.getPackageName(),
                StandaloneEngineLifecycleTest.class.getClassLoader());
        run(app);

        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("steadfast-")) {
                assertNotEquals(app, t.getContextClassLoader(), t.getName());
            }
        }
    }

    @Test
    void fiveApplicationsThatShutSteadfastDownWhenTheyStopLeaveNoThreadAndNoClassLoaderBehind() throws Exception {
        Set<Thread> before = steadfastThreads();
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        for (int i = 0; i < APPLICATIONS; i++) {
            ClassLoader app = new ThrowawayLoader("stopping-app-" + i, GuardedApplication.class.getPackageName(),
                    StandaloneEngineLifecycleTest.class.getClassLoader());
            run(app);
            in(app, Steadfast::shutdown); // as a servlet context listener would, at undeploy
            loaders.add(new WeakReference<>(app));
        }

        Set<Thread> left = steadfastThreads();
        left.removeAll(before);
        assertEquals(Set.of(), left, "threads Steadfast started for the applications and left running");
        awaitCollected(loaders);
    }

    @Test
    void shutdownFailsTheApplicationsPendingCallsAndItsGuardsRefuseCallsAfterwards() throws Exception {
        ClassLoader app = new URLClassLoader("app-with-pending-calls", new URL[0], getClass().getClassLoader());
        CountDownLatch release = new CountDownLatch(1);
        try {
            AsyncGuard<String> oneAtATime = in(app, () -> Guard.<String>builder("one-at-a-time").asynchronous()
                    .bulkhead(b -> b.value(1).waitingTaskQueue(1)).buildAsync());
            CountDownLatch entered = new CountDownLatch(1);
            CompletableFuture<String> running = oneAtATime.call(() -> {
                entered.countDown();
                await(release);
                return CompletableFuture.completedFuture("ran");
            }).toCompletableFuture();
            assertTrue(entered.await(5, TimeUnit.SECONDS));
            CompletableFuture<String> queued = oneAtATime.call(() -> CompletableFuture.completedFuture("queued"))
                    .toCompletableFuture();

            in(app, Steadfast::shutdown);

            for (CompletableFuture<String> f : List.of(running, queued)) {
                assertTrue(f.isDone(), "pending after shutdown");
                ExecutionException e = assertThrows(ExecutionException.class, f::get);
                assertInstanceOf(FaultToleranceException.class, e.getCause());
                assertTrue(e.getCause().getMessage().contains("stopping"), e.getCause().getMessage());
            }
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> oneAtATime.call(() -> CompletableFuture.completedFuture("after")).toCompletableFuture().get());
            assertInstanceOf(IllegalStateException.class, refused.getCause());
            Guard<String> rebuilt = in(app, () -> Guard.<String>builder("rebuilt").timeout(Duration.ofSeconds(1))
                    .build());
            assertEquals("works", rebuilt.call(() -> "works"), "a guard built afterwards gets a new engine");
        } finally {
            release.countDown();
            in(app, Steadfast::shutdown);
        }
    }

    /** Deploys an application in a throwaway loader, runs it and returns the loader (to be referenced weakly). */
    private static ClassLoader deployRunAndForget(String name) throws Exception {
        ClassLoader app = new ThrowawayLoader(name, GuardedApplication.class.getPackageName(),
                StandaloneEngineLifecycleTest.class.getClassLoader());
        run(app);
        return app;
    }

    @SuppressWarnings("unchecked")
    private static void run(ClassLoader app) throws Exception {
        in(app, () -> {
            Class<?> main = Class.forName(GuardedApplication.class.getName(), true, app);
            assertEquals(app, main.getClassLoader(), "the application's classes are its loader's own");
            Callable<String> application = (Callable<String>) main.getConstructor().newInstance();
            assertEquals("sync async after 2 attempts", application.call());
            return null;
        });
    }

    private static void in(ClassLoader loader, Runnable action) throws Exception {
        in(loader, () -> {
            action.run();
            return null;
        });
    }

    /** Runs {@code action} with {@code loader} as the thread's context class loader, as an application's thread has. */
    private static <T> T in(ClassLoader loader, Callable<T> action) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            return action.call();
        } finally {
            t.setContextClassLoader(before);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Live platform threads named {@code steadfast-...}. */
    private static Set<Thread> steadfastThreads() {
        Set<Thread> threads = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("steadfast-")) {
                threads.add(t);
            }
        }
        return threads;
    }

    /** Collects garbage until every loader is gone, for up to 10 s; fails naming those still reachable. */
    static void awaitCollected(List<WeakReference<ClassLoader>> loaders) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (loaders.stream().anyMatch(r -> r.get() != null)) {
            if (System.nanoTime() - deadline > 0) {
                List<String> alive = loaders.stream().map(WeakReference::get).filter(l -> l != null)
                        .map(ClassLoader::getName).toList();
                fail("application class loaders still reachable after 10 s: " + alive + "; Steadfast threads: "
                        + Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                                .filter(n -> n.startsWith("steadfast-")).toList());
            }
            System.gc();
            Thread.sleep(50);
        }
    }
}
