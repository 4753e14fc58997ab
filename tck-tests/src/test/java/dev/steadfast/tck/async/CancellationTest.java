package dev.steadfast.tck.async;

import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cancelling the stage of an {@code @Asynchronous} call interrupts the running body, through every policy wrapped
 * around it (fallback, retry, breaker, timeout), and nothing runs afterwards: no retry, no fallback.
 */
@EnableWeld
class CancellationTest {

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.of(GuardedSleeper.class);

    @Inject
    GuardedSleeper sleeper;

    @Test
    void cancellingTheCallersStageInterruptsTheBodyThroughEveryPolicy() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        CompletableFuture<String> stage = sleeper.sleep(entered, interrupted).toCompletableFuture();
        assertTrue(entered.await(10, TimeUnit.SECONDS), "the body started");

        assertTrue(stage.cancel(true));

        assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the body was interrupted");
        assertTrue(stage.isCancelled());
        // Give a wrongly scheduled retry the chance to show itself: the retry dispatches at once (no delay).
        TimeUnit.MILLISECONDS.sleep(200);
        assertEquals(1, sleeper.attempts(), "no retry after the cancellation");
    }
}
