package dev.steadfast.tck.lifecycle;

import dev.steadfast.CircuitBreakers;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.CircuitState;
import dev.steadfast.guard.Guard;
import dev.steadfast.guard.Steadfast;
import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Each application (container) has its own engine, registry and threads, even when the Steadfast jar is shared: two
 * containers in one JVM, each with a breaker named {@code shared}, do not see each other's state, and a programmatic
 * guard joins the engine of the application whose class loader builds it.
 */
class EnginePerApplicationTest {

    private static Guard<String> sharedGuard() {
        return Guard.<String>builder("shared-client")
                .circuitBreaker(b -> b.name("shared").requestVolumeThreshold(1).failureRatio(1.0)
                        .delay(Duration.ofMinutes(1)))
                .build();
    }

    @Test
    void twoContainersRunningAtOnceKeepTheirOwnBreakerNamedShared() throws Exception {
        ClassLoader appA = application("app-a");
        ClassLoader appB = application("app-b");
        try (TestContainer a = in(appA, () -> TestContainer.start(SharedDependency.class));
                TestContainer b = in(appB, () -> TestContainer.start(SharedDependency.class))) {
            CircuitBreakers breakersA = a.select(CircuitBreakers.class);
            CircuitBreakers breakersB = b.select(CircuitBreakers.class);

            assertThrows(IOException.class, () -> a.select(SharedDependency.class).call(true));

            assertEquals(CircuitState.OPEN, breakersA.get("shared").state());
            assertEquals(CircuitState.CLOSED, breakersB.get("shared").state());
            assertEquals("up", b.select(SharedDependency.class).call(false));
            assertNotSame(breakersA.get("shared"), breakersB.get("shared"));
        }
    }

    @Test
    void aGuardJoinsTheEngineOfTheApplicationWhoseClassLoaderBuildsIt() throws Exception {
        ClassLoader appA = application("app-a");
        ClassLoader appB = application("app-b");
        try (TestContainer a = in(appA, () -> TestContainer.start(SharedDependency.class));
                TestContainer b = in(appB, () -> TestContainer.start(SharedDependency.class))) {
            assertThrows(IOException.class, () -> a.select(SharedDependency.class).call(true));

            Guard<String> inA = in(appA, EnginePerApplicationTest::sharedGuard);
            Guard<String> inB = in(appB, EnginePerApplicationTest::sharedGuard);

            assertThrows(CircuitOpenException.class, () -> inA.call(() -> "up"), "A's breaker named shared is open");
            assertEquals("up", inB.call(() -> "up"), "B's breaker named shared is closed");
            assertSame(a.select(CircuitBreakers.class).get("shared"),
                    in(appA, () -> Steadfast.circuitBreakers().get("shared")));
            assertSame(b.select(CircuitBreakers.class).get("shared"),
                    in(appB, () -> Steadfast.circuitBreakers().get("shared")));
        }
    }

    @Test
    void aGuardBuiltInAChildLoaderOfAnApplicationJoinsThatApplication() throws Exception {
        ClassLoader appA = application("app-a");
        ClassLoader module = new URLClassLoader("app-a-module", new URL[0], appA);
        try (TestContainer a = in(appA, () -> TestContainer.start(SharedDependency.class))) {
            assertThrows(IOException.class, () -> a.select(SharedDependency.class).call(true));

            Guard<String> guard = in(module, EnginePerApplicationTest::sharedGuard);

            assertThrows(CircuitOpenException.class, () -> guard.call(() -> "up"));
        }
    }

    @Test
    void whenTheLaterContainerStopsGuardsOfTheEarlierOneStillJoinIt() throws Exception {
        ClassLoader appA = application("app-a");
        ClassLoader appB = application("app-b");
        try (TestContainer a = in(appA, () -> TestContainer.start(SharedDependency.class))) {
            in(appB, () -> TestContainer.start(SharedDependency.class)).close();
            assertThrows(IOException.class, () -> a.select(SharedDependency.class).call(true));

            Guard<String> inA = in(appA, EnginePerApplicationTest::sharedGuard);

            assertThrows(CircuitOpenException.class, () -> inA.call(() -> "up"));
        }
    }

    /** A class loader standing for one application: the test's classes seen through a loader of its own. */
    private static ClassLoader application(String name) {
        return new URLClassLoader(name, new URL[0], EnginePerApplicationTest.class.getClassLoader());
    }

    /** Runs {@code action} with {@code loader} as the thread's context class loader, as a container's thread has. */
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
}
