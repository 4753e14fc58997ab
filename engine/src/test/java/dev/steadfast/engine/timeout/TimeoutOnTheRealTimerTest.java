package dev.steadfast.engine.timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.TimeoutExceededException;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.time.SystemClock;
import dev.steadfast.engine.time.ThreadTimer;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The two real-time tests of the synchronous timeout: the actual interrupt, and no leak over many calls. */
class TimeoutOnTheRealTimerTest {

    private static final String TIMER_THREAD = "steadfast-timer";

    private final ExecutorService handOffs = Executors.newCachedThreadPool(r -> new Thread(r, "hand-off"));
    private final ThreadTimer timer = new ThreadTimer(TIMER_THREAD, handOffs);

    @AfterEach
    void stopTimer() {
        timer.shutdown();
        handOffs.shutdownNow();
        Thread.interrupted();
    }

    private TimeoutStrategy<Object> timeout(Duration d) {
        return new TimeoutStrategy<>(Invocation::proceed, "com.acme.Slow#call()", new TimeoutPolicy(d.toNanos()),
                SystemClock.INSTANCE, timer, EngineListener.NONE);
    }

    private static long threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && name.equals(t.getName()))
                .count();
    }

    @Test
    void aSleepingBodyIsInterruptedAtTheDeadlineAndControlReturnsPromptly() {
        long start = System.nanoTime();

        TimeoutExceededException e = assertThrows(TimeoutExceededException.class,
                () -> timeout(Duration.ofMillis(100)).call(() -> {
                    Thread.sleep(5_000);
                    return "too slow";
                }));

        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(tookMillis < 2_500, "returned after " + tookMillis + " ms, not within ~2 s");
        assertEquals(Duration.ofMillis(100), e.getTimeout());
        assertFalse(Thread.currentThread().isInterrupted());
        assertEquals(0, timer.pending());
    }

    @Test
    void aTimedOutStageCompletesAndRunsItsCallersCallbacksOffTheTimerThread() throws Exception {
        AsyncTimeoutStrategy<Object> timeout = new AsyncTimeoutStrategy<>(Invocation::proceed, "com.acme.Slow#stage()",
                new TimeoutPolicy(Duration.ofMillis(20).toNanos()), SystemClock.INSTANCE, timer, EngineListener.NONE);
        CompletableFuture<Object> never = new CompletableFuture<>();

        CompletableFuture<Object> result = timeout.call(() -> never).toCompletableFuture();
        CompletableFuture<String> callbackThread = result.handle((v, e) -> Thread.currentThread().getName());

        assertEquals("hand-off", callbackThread.get(5, TimeUnit.SECONDS));
        assertTrue(never.isCancelled(), "the inner stage is cancelled at the deadline");
        assertTrue(result.isCompletedExceptionally());
    }

    @Test
    void aResultArrivingAfterTheDeadlineButBeforeTheHandOffRanIsIgnored() throws Exception {
        CountDownLatch handOffMayRun = new CountDownLatch(1);
        ThreadTimer held = new ThreadTimer(TIMER_THREAD + "-held", work -> handOffs.execute(() -> {
            try {
                handOffMayRun.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            work.run();
        }));
        try {
            AsyncTimeoutStrategy<Object> timeout = new AsyncTimeoutStrategy<>(Invocation::proceed,
                    "com.acme.Slow#stage()", new TimeoutPolicy(Duration.ofMillis(1).toNanos()), SystemClock.INSTANCE, held,
                    EngineListener.NONE);
            CompletableFuture<Object> inner = new CompletableFuture<>();
            CompletableFuture<Object> result = timeout.call(() -> inner).toCompletableFuture();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (held.pending() > 0 && System.nanoTime() - deadline < 0) {
                Thread.sleep(1); // until the deadline has fired on the timer thread
            }

            inner.complete("too late");
            handOffMayRun.countDown();

            ExecutionException e = assertThrows(ExecutionException.class, () -> result.get(5, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutExceededException.class, e.getCause(), "the deadline decided first");
        } finally {
            held.shutdown();
        }
    }

    @Test
    void tenThousandTimedOutOrCompletedCallsLeaveNoPendingTaskAndOneTimerThread() throws Exception {
        long before = threadsNamed(TIMER_THREAD);
        TimeoutStrategy<Object> generous = timeout(Duration.ofSeconds(30));
        TimeoutStrategy<Object> tight = timeout(Duration.ofMillis(1));
        int timedOut = 0;

        for (int i = 0; i < 10_000; i++) {
            if (i % 500 == 0) {
                assertThrows(TimeoutExceededException.class, () -> tight.call(() -> {
                    new CountDownLatch(1).await(); // parked until the timer interrupts it
                    return null;
                }));
                timedOut++;
            } else {
                int n = i;
                assertEquals(n, generous.call(() -> n));
            }
            assertFalse(Thread.currentThread().isInterrupted(), "call " + i + " leaked an interrupt");
        }

        assertEquals(20, timedOut);
        assertEquals(0, timer.pending(), "completed calls cancel their watchdog, fired ones are gone");
        assertEquals(1, threadsNamed(TIMER_THREAD) - before, "one timer thread for every call");
        assertTrue(timer.isRunning());

        timer.shutdown();
        assertEquals(0, threadsNamed(TIMER_THREAD) - before, "shutdown stops the timer thread");
    }
}
