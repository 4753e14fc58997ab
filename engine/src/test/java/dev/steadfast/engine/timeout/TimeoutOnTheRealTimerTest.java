package dev.steadfast.engine.timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.TimeoutExceededException;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.time.SystemClock;
import dev.steadfast.engine.time.ThreadTimer;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The two real-time tests of the synchronous timeout: the actual interrupt, and no leak over many calls. */
class TimeoutOnTheRealTimerTest {

    private static final String TIMER_THREAD = "steadfast-timer";

    private final ThreadTimer timer = new ThreadTimer(TIMER_THREAD);

    @AfterEach
    void stopTimer() {
        timer.shutdown();
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
