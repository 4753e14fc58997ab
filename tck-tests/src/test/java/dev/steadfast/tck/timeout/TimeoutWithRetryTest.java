package dev.steadfast.tck.timeout;

import dev.steadfast.TimeoutExceededException;
import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fallback → Retry → Timeout (docs/order-and-state.md): each attempt has a deadline, a timed-out one is retried; the
 * fallback sees the timeout.
 */
@EnableWeld
class TimeoutWithRetryTest {

    private static final Duration PROMPTLY = Duration.ofSeconds(3);

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.of(RetriedTimeouts.class);

    @Inject
    RetriedTimeouts service;

    @Test
    void aTimedOutAttemptIsRetriedAndTheNextAttemptAnswers() throws InterruptedException {
        long start = System.nanoTime();

        assertEquals("answered on call 2", service.hangsOnce());

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(2, service.calls());
        assertTrue(took.compareTo(PROMPTLY) < 0, "took " + took);
        assertFalse(Thread.currentThread().isInterrupted(), "the timeout's interrupt did not leak into the retry");
    }

    @Test
    void aStageThatTimedOutIsRetriedAndTheNextStageAnswers() throws Exception {
        long start = System.nanoTime();

        String answer = service.stageHangsOnce().toCompletableFuture().get(10, TimeUnit.SECONDS);

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals("stage answered on call 2", answer);
        assertTrue(took.compareTo(PROMPTLY) < 0, "took " + took);
    }

    @Test
    void theFallbackAnswersATimeoutWithTheInterruptFlagAlreadyCleared() throws InterruptedException {
        assertEquals("too late", service.hangsWithFallback());

        TimeoutExceededException seen = assertInstanceOf(TimeoutExceededException.class, service.fallbackSaw());
        assertEquals(Duration.ofMillis(100), seen.getTimeout());
        assertFalse(service.fallbackInterrupted(), "the fallback must not run with the timeout's interrupt pending");
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
