package dev.steadfast.junit5;

import dev.steadfast.engine.time.Timer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The virtual clock and timer behind {@link TestClock}. */
class VirtualTimeTest {

    private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final VirtualTime time = new VirtualTime(ORIGIN);
    private final Timer timer = time.lane();
    private final List<String> ran = new ArrayList<>();

    private Runnable record(String name) {
        return () -> ran.add(name + "@" + time.nanoTime() / SECOND);
    }

    @Test
    void standsStillUntilAdvanced() {
        assertEquals(0, time.nanoTime());
        assertEquals(ORIGIN, time.instant());

        time.advanceTo(5 * SECOND);

        assertEquals(5 * SECOND, time.nanoTime());
        assertEquals(ORIGIN.plusSeconds(5), time.instant());
    }

    @Test
    void advancingRunsDueTasksInDeadlineOrderEachAtItsOwnDeadline() {
        timer.schedule(3 * SECOND, record("c"));
        timer.schedule(1 * SECOND, record("a"));
        timer.schedule(2 * SECOND, record("b"));
        timer.schedule(9 * SECOND, record("late"));

        time.advanceTo(5 * SECOND);

        assertEquals(List.of("a@1", "b@2", "c@3"), ran);
        assertEquals(5 * SECOND, time.nanoTime());
        assertEquals(1, time.pending());
    }

    @Test
    void aTaskScheduledByATaskCountsFromThatTasksDeadline() {
        timer.schedule(SECOND, () -> {
            ran.add("first@" + time.nanoTime() / SECOND);
            timer.schedule(2 * SECOND, record("second"));
        });

        time.advanceTo(10 * SECOND);

        assertEquals(List.of("first@1", "second@3"), ran, "as if the time had passed for real");
    }

    @Test
    void tasksWithTheSameDeadlineRunInTheOrderScheduled() {
        timer.schedule(SECOND, record("x"));
        timer.schedule(SECOND, record("y"));

        time.advanceTo(SECOND);

        assertEquals(List.of("x@1", "y@1"), ran);
    }

    @Test
    void aTaskWithoutDelayRunsAtOnceOnTheSchedulingThread() {
        Thread[] on = new Thread[1];
        timer.schedule(0, () -> on[0] = Thread.currentThread());

        assertSame(Thread.currentThread(), on[0]);
        assertEquals(0, time.pending());
    }

    @Test
    void aCancelledTaskNeverRuns() {
        Timer.Task t = timer.schedule(SECOND, record("cancelled"));
        timer.schedule(2 * SECOND, record("kept"));

        t.cancel();
        time.advanceTo(3 * SECOND);

        assertEquals(List.of("kept@2"), ran);
    }

    @Test
    void closingALaneDropsItsTasksOnlyAndRejectsNewOnes() {
        VirtualTime.Lane other = time.lane();
        other.schedule(SECOND, record("other"));
        timer.schedule(SECOND, record("mine"));

        other.close();
        time.advanceTo(2 * SECOND);

        assertEquals(List.of("mine@1"), ran);
        assertThrows(RejectedExecutionException.class, () -> other.schedule(SECOND, record("late")));
    }

    @Test
    void aFailingTaskDoesNotStopTheOthersAndIsRethrownAfterwards() {
        timer.schedule(SECOND, () -> {
            throw new IllegalStateException("first");
        });
        timer.schedule(2 * SECOND, record("after"));
        timer.schedule(3 * SECOND, () -> {
            throw new IllegalArgumentException("second");
        });

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> time.advanceTo(4 * SECOND));

        assertEquals(List.of("after@2"), ran);
        assertEquals("second", e.getSuppressed()[0].getMessage());
        assertEquals(4 * SECOND, time.nanoTime());
    }

    @Test
    void sleepMovesTheClockByTheDelayRunsWhatFallsDueAndIsRecorded() throws InterruptedException {
        timer.schedule(2 * SECOND, record("due"));

        time.sleep(5 * SECOND);

        assertEquals(5 * SECOND, time.nanoTime());
        assertEquals(List.of("due@2"), ran);
        assertEquals(List.of(5 * SECOND), time.sleeps());
        time.clearSleeps();
        assertEquals(List.of(), time.sleeps());
    }

    @Test
    void sleepOfAnInterruptedThreadThrowsAndMovesNothing() {
        Thread.currentThread().interrupt();

        assertThrows(InterruptedException.class, () -> time.sleep(SECOND));

        assertFalse(Thread.currentThread().isInterrupted());
        assertEquals(0, time.nanoTime());
    }

    @Test
    void twoThreadsWakingAtTheSameTimeOverlapAsInRealTime() throws Exception {
        CyclicBarrier bothRead = new CyclicBarrier(2);
        // Both sleepers compute their wake-up time from the same reading; only then do they advance.
        VirtualTime shared = new VirtualTime(ORIGIN);
        Runnable sleeper = () -> {
            try {
                long wake = shared.nanoTime() + 5 * SECOND;
                bothRead.await(30, TimeUnit.SECONDS);
                shared.advanceTo(wake);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        Thread a = new Thread(sleeper);
        Thread b = new Thread(sleeper);
        a.start();
        b.start();
        a.join(30_000);
        b.join(30_000);

        assertEquals(5 * SECOND, shared.nanoTime(), "not 10 s: advancing is to a time, never backwards");
    }

    @Test
    void awaitPendingWaitsForATaskScheduledOnAnotherThread() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                return;
            }
            timer.schedule(SECOND, () -> { });
        });
        t.start();
        go.countDown();

        assertTrue(time.awaitPending(1, TimeUnit.SECONDS.toNanos(30)));
        assertFalse(time.awaitPending(2, TimeUnit.MILLISECONDS.toNanos(20)));
        t.join(30_000);
    }
}
