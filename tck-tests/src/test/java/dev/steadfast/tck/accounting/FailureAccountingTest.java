package dev.steadfast.tck.accounting;

import dev.steadfast.CircuitBreakers;
import dev.steadfast.CircuitState;
import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The failure-accounting rule on annotated beans (docs/failure-accounting.md): a {@code VirtualMachineError} and the
 * caller's own interrupt or cancellation are never retried, never counted by a breaker and never sent to a fallback.
 */
class FailureAccountingTest {

    private TestContainer container;
    private Fragile fragile;
    private CircuitBreakers breakers;

    @BeforeEach
    void start() {
        container = TestContainer.start(Fragile.class);
        fragile = container.select(Fragile.class);
        breakers = container.select(CircuitBreakers.class);
    }

    @AfterEach
    void stop() {
        Thread.interrupted();
        container.close();
    }

    @Test
    void twoOutOfMemoryErrorsDoNotOpenABreakerThatTwoFailuresOpen() throws Throwable {
        for (int i = 0; i < 2; i++) {
            OutOfMemoryError oom = new OutOfMemoryError("test");
            assertSame(oom, assertThrows(OutOfMemoryError.class, () -> fragile.call(oom)));
        }
        assertEquals(CircuitState.CLOSED, breakers.get("fragile").state());

        assertThrows(IOException.class, () -> fragile.call(new IOException("down")));
        assertThrows(IOException.class, () -> fragile.call(new IOException("down")));
        assertEquals(CircuitState.OPEN, breakers.get("fragile").state(), "the window was left as it was");
    }

    @Test
    void twoInterruptsOfTheCallerDoNotOpenTheBreaker() {
        for (int i = 0; i < 2; i++) {
            assertThrows(InterruptedException.class, () -> fragile.call(new InterruptedException()));
            Thread.interrupted();
        }
        assertEquals(CircuitState.CLOSED, breakers.get("fragile").state());
        assertEquals(0, breakers.get("fragile").stats().failedCalls());
    }

    @Test
    void aRetryOnThrowableDoesNotRetryAStackOverflowError() {
        StackOverflowError soe = new StackOverflowError();
        assertSame(soe, assertThrows(StackOverflowError.class, () -> fragile.retried(soe)));
        assertEquals(1, fragile.attempts());
    }

    @Test
    void aFallbackDoesNotAnswerForAVirtualMachineErrorNorTheCallersInterrupt() throws Throwable {
        assertThrows(OutOfMemoryError.class, () -> fragile.withFallback(new OutOfMemoryError("test")));
        assertThrows(InterruptedException.class, () -> fragile.withFallback(new InterruptedException()));
        Thread.interrupted();
        assertEquals(0, fragile.fallbacks());
        assertEquals("cached", fragile.withFallback(new IOException("down")), "a dependency's failure still does");
    }

    @Test
    void aCancelledAsynchronousCallDoesNotFallBack() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CompletableFuture<String> stage = fragile.sleep(entered).toCompletableFuture();
        assertTrue(entered.await(10, TimeUnit.SECONDS), "the body started");

        assertTrue(stage.cancel(true));

        // The cancel completes the body's stage at once, on this thread, and with it every stage around it: a
        // fallback that would answer would have run by now.
        assertTrue(stage.isCancelled());
        assertEquals(0, fragile.fallbacks());
    }
}
