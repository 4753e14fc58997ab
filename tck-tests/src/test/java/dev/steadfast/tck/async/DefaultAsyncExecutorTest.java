package dev.steadfast.tck.async;

import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Without a provider bean or a container {@code ManagedExecutorService} (Weld SE has neither), bodies run on
 * Steadfast's own executor: virtual threads on Java 21+, else a bounded pool ({@code docs/annotations.md}).
 */
@EnableWeld
class DefaultAsyncExecutorTest {

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.withRequestScope(WhereAmI.class);

    @Inject
    WhereAmI whereAmI;

    @Test
    void bodiesRunOnVirtualThreadsOnJava21AndLater() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21");

        Thread body = whereAmI.thread().toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertTrue(isVirtual(body), body + " is not a virtual thread");
        assertTrue(body.getName().startsWith("steadfast-async-"), "ran on " + body.getName());
    }

    @Test
    void bodiesRunOnSteadfastPoolThreadsBeforeJava21() throws Exception {
        assumeTrue(Runtime.version().feature() < 21, "Java 21+ uses virtual threads");

        Thread body = whereAmI.thread().toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertTrue(body.getName().startsWith("steadfast-async-"), "ran on " + body.getName());
        assertTrue(body.isDaemon(), "a pool thread must not keep the JVM alive");
        assertFalse(body == Thread.currentThread());
    }

    /** {@code Thread.isVirtual()}, called reflectively: the tests compile for Java 17. */
    private static boolean isVirtual(Thread t) throws ReflectiveOperationException {
        return (Boolean) Thread.class.getMethod("isVirtual").invoke(t);
    }
}
