package dev.steadfast.tck.bulkhead;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.steadfast.tck.bulkhead.Callers.inBackground;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code @Bulkhead} members overridden through MicroProfile Config ({@code docs/configuration.md}). */
class BulkheadConfigTest {

    @Test
    void methodKeyOverridesValue() throws Exception {
        Map<String, String> config = Map.of(
                "steadfast.\"" + TwoAtATime.class.getName() + "/hold\".bulkhead.value", "1");
        try (TestContainer c = TestContainer.start(config, TwoAtATime.class)) {
            TwoAtATime bean = c.select(TwoAtATime.class);
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            var held = inBackground("held", () -> bean.hold(entered, release));
            try {
                assertTrue(entered.await(5, TimeUnit.SECONDS));
                BulkheadFullException e = assertThrows(BulkheadFullException.class,
                        () -> bean.hold(new CountDownLatch(1), release));
                assertEquals(1, e.getMaxConcurrentCalls());
            } finally {
                release.countDown();
            }
            assertEquals("done", held.result().get(5, TimeUnit.SECONDS));
            assertEquals(1, bean.invocations());
        }
    }

    @Test
    void disabledBulkheadAdmitsEveryCall() throws Exception {
        Map<String, String> config = Map.of(
                "steadfast.\"" + TwoAtATime.class.getName() + "/hold\".bulkhead.enabled", "false");
        try (TestContainer c = TestContainer.start(config, TwoAtATime.class)) {
            TwoAtATime bean = c.select(TwoAtATime.class);
            CountDownLatch entered = new CountDownLatch(3);
            CountDownLatch release = new CountDownLatch(1);
            var first = inBackground("first", () -> bean.hold(entered, release));
            var second = inBackground("second", () -> bean.hold(entered, release));
            var third = inBackground("third", () -> bean.hold(entered, release));
            try {
                assertTrue(entered.await(5, TimeUnit.SECONDS), "all three calls run at once");
            } finally {
                release.countDown();
            }
            for (var caller : new Callers.Caller<?>[] {first, second, third}) {
                assertEquals("done", caller.result().get(5, TimeUnit.SECONDS));
            }
        }
    }
}
