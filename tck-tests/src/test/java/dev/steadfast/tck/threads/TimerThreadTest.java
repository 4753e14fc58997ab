package dev.steadfast.tck.threads;

import dev.steadfast.TimeoutExceededException;
import dev.steadfast.impl.cdi.SteadfastExtension;
import dev.steadfast.tck.support.Eventually;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The timer thread runs only Steadfast's own bookkeeping: what a timer event sets off and can run user code (the
 * completion of a timed-out stage with its fallback and the caller's callbacks, the listeners of a breaker's move to
 * HALF_OPEN, a delayed retry) runs elsewhere, so that one slow piece of user code never delays another timeout.
 */
@EnableWeld
class TimerThreadTest {

    private static final String TIMER = "steadfast-timer";

    @WeldSetup
    public WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
                    .addExtension(new SteadfastExtension())
                    .addBeanClasses(LateWork.class, Signal.class, StateChangeThreads.class))
            .activate(RequestScoped.class)
            .build();

    @Inject
    LateWork work;

    @Inject
    Signal signal;

    @Inject
    StateChangeThreads stateChanges;

    @Test
    void theFallbackAndTheCallersCallbacksOfATimedOutStageNeverRunOnTheTimerThread() throws Exception {
        List<String> callbacks = new CopyOnWriteArrayList<>();
        CompletableFuture<String> call = work.neverAnswers().toCompletableFuture();
        CompletableFuture<String> applied = call.thenApply(v -> {
            callbacks.add("thenApply on " + Thread.currentThread().getName());
            return v;
        });
        call.whenComplete((v, e) -> callbacks.add("whenComplete on " + Thread.currentThread().getName()));

        assertEquals("fallback", applied.get(5, TimeUnit.SECONDS));

        Eventually.await(() -> callbacks.size() == 2, () -> "callbacks ran: " + callbacks);
        assertEquals(1, work.threads().size(), "the fallback ran once: " + work.threads());
        for (String where : concat(work.threads(), callbacks)) {
            assertTrue(!where.endsWith(" on " + TIMER), where);
        }
    }

    @Test
    void aFallbackThatBlocksDoesNotDelayAnotherTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try {
            CompletableFuture<String> slow = work.neverAnswersThenFallsBackSlowly(release).toCompletableFuture();
            assertTrue(work.awaitBlockingFallback(), "the first call timed out and fell back");

            long start = System.nanoTime();
            CompletableFuture<String> other = work.timesOut().toCompletableFuture();
            ExecutionException e = assertThrows(ExecutionException.class, () -> other.get(3, TimeUnit.SECONDS),
                    "a 100 ms timeout must fire while another call's fallback blocks");
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertInstanceOf(TimeoutExceededException.class, e.getCause());
            // Generous: the timeout is 100 ms; a blocked timer thread would hold it until the release (10 s).
            assertTrue(tookMillis < 1_000, "the 100 ms timeout fired after " + tookMillis + " ms");
            assertTrue(!slow.isDone(), "the slow fallback is still running");
        } finally {
            release.countDown();
        }
    }

    @Test
    void breakerListenersHearTheTimersMoveToHalfOpenOffTheTimerThread() {
        assertThrows(IOException.class, () -> signal.ping(true));

        Eventually.await(() -> stateChanges.seen().stream().anyMatch(s -> s.startsWith("HALF_OPEN")),
                () -> "state changes seen: " + stateChanges.seen());

        String halfOpen = stateChanges.seen().stream().filter(s -> s.startsWith("HALF_OPEN")).findFirst().orElseThrow();
        assertTrue(!halfOpen.endsWith(" on " + TIMER), halfOpen);
    }

    @Test
    void aDelayedRetryRunsOffTheTimerThread() throws Exception {
        assertEquals("second attempt", work.failsOnceThenAnswers().toCompletableFuture().get(5, TimeUnit.SECONDS));

        List<String> attempts = work.threads();
        assertEquals(2, attempts.size(), attempts::toString);
        assertTrue(!attempts.get(1).endsWith(" on " + TIMER), attempts.get(1));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
