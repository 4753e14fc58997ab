package dev.steadfast.mp;

import dev.steadfast.engine.Engine;
import dev.steadfast.engine.EngineHook;
import dev.steadfast.engine.EngineHooks;
import dev.steadfast.engine.time.TimeSource;
import dev.steadfast.mp.beans.Crowded;
import dev.steadfast.mp.support.MpContainer;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.testng.annotations.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

/**
 * An engine created under an {@link EngineHook} (the JUnit 5 extension's seam) resets the MicroProfile front end's
 * bulkheads too: after {@link Engine#reset()} a full bulkhead admits a new call, while the call that filled it
 * finishes on the old one.
 */
public class EngineResetTest {

    @Test
    public void resetEmptiesAFullSynchronousBulkhead() throws Exception {
        Hook hook = new Hook();
        try (EngineHooks.Installation i = EngineHooks.install(hook);
                MpContainer c = MpContainer.start(Map.of(), Crowded.class)) {
            Crowded crowded = c.select(Crowded.class);
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> holder = CompletableFuture.supplyAsync(() -> {
                try {
                    return crowded.sync(entered, release);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                assertTrue(entered.await(10, TimeUnit.SECONDS));
                assertThrows(BulkheadException.class, () -> crowded.sync(new CountDownLatch(1), open()));

                hook.engine().reset();

                assertEquals(crowded.sync(new CountDownLatch(1), open()), "sync");
            } finally {
                release.countDown();
            }
            assertEquals(holder.get(10, TimeUnit.SECONDS), "sync");
        }
    }

    @Test
    public void resetEmptiesAFullAsynchronousBulkhead() throws Exception {
        Hook hook = new Hook();
        try (EngineHooks.Installation i = EngineHooks.install(hook);
                MpContainer c = MpContainer.start(Map.of(), Crowded.class)) {
            Crowded crowded = c.select(Crowded.class);
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            List<CompletionStage<String>> held = new ArrayList<>();
            try {
                held.add(crowded.async(entered, release));
                assertTrue(entered.await(10, TimeUnit.SECONDS));
                held.add(crowded.async(new CountDownLatch(1), release)); // waits in the queue
                ExecutionException full = expectThrows(ExecutionException.class,
                        () -> crowded.async(new CountDownLatch(1), open()).toCompletableFuture()
                                .get(10, TimeUnit.SECONDS));
                assertTrue(full.getCause() instanceof BulkheadException, String.valueOf(full.getCause()));

                hook.engine().reset();

                assertEquals(crowded.async(new CountDownLatch(1), open()).toCompletableFuture()
                        .get(10, TimeUnit.SECONDS), "async");
            } finally {
                release.countDown();
            }
            for (CompletionStage<String> h : held) {
                assertEquals(h.toCompletableFuture().get(10, TimeUnit.SECONDS), "async");
            }
        }
    }

    private static CountDownLatch open() {
        return new CountDownLatch(0);
    }

    /** Keeps the real clock and timer; remembers the engine created under it. */
    private static final class Hook implements EngineHook {

        private final List<Engine> created = new ArrayList<>();

        @Override
        public TimeSource time() {
            return null;
        }

        @Override
        public synchronized void created(Engine engine) {
            created.add(engine);
        }

        @Override
        public void closed(Engine engine) {
        }

        synchronized Engine engine() {
            assertEquals(created.size(), 1, "one engine: steadfast-mp's");
            return created.get(0);
        }
    }
}
