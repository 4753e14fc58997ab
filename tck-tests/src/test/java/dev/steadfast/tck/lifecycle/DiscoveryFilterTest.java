package dev.steadfast.tck.lifecycle;

import dev.steadfast.Fallback;
import dev.steadfast.Retry;
import dev.steadfast.tck.support.TestContainer;
import jakarta.enterprise.context.ApplicationScoped;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The extension asks the container only for the types that carry a Steadfast annotation ({@code @WithAnnotations}):
 * an application's plain classes cost it nothing at start-up and Weld has no reason to warn (WELD-000411) that one
 * of its observers sees every type. Whatever way the annotation reaches a method (on the method, on the class, on a
 * superclass's method), the method is still guarded.
 */
class DiscoveryFilterTest {

    /** A guarded method declared by a superclass; the bean class itself carries no Steadfast annotation. */
    public static class GuardedBase {
        static final AtomicInteger CALLS = new AtomicInteger();

        @Retry(maxRetries = 2, delay = 0, jitter = 0)
        public String flaky() {
            if (CALLS.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
            return "third time";
        }
    }

    @ApplicationScoped
    public static class InheritsGuarded extends GuardedBase {
    }

    /** Guarded by its class-level annotation alone. */
    @ApplicationScoped
    @Fallback(fallbackMethod = "spare")
    public static class ClassLevel {
        public String fails() {
            throw new IllegalStateException("down");
        }

        String spare() {
            return "spare";
        }
    }

    @Test
    void weldDoesNotWarnThatASteadfastObserverSeesEveryType() {
        List<String> weld = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger("org.jboss.weld");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                weld.add(String.valueOf(r.getMessage()) + " " + java.util.Arrays.toString(r.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level before = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
        try (TestContainer c = TestContainer.start(GuardedCalls.class, Unguarded.class)) {
            assertEquals("timed", c.select(GuardedCalls.class).timed());
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(before);
        }
        assertFalse(weld.isEmpty(), "Weld's log records were captured (else this test could not fail)");
        assertTrue(weld.stream().noneMatch(m -> m.contains("WELD-000411") && m.contains("Steadfast")),
                () -> "Weld warned about a Steadfast observer: " + weld.stream()
                        .filter(m -> m.contains("WELD-000411")).toList());
    }

    @Test
    void aMethodGuardedInASuperclassOrByItsClassIsStillGuarded() {
        GuardedBase.CALLS.set(0);
        try (TestContainer c = TestContainer.start(InheritsGuarded.class, ClassLevel.class)) {
            assertEquals("third time", c.select(InheritsGuarded.class).flaky(), "retried twice");
            assertEquals(3, GuardedBase.CALLS.get());
            assertEquals("spare", c.select(ClassLevel.class).fails());
        }
    }
}
