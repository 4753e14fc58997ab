package dev.steadfast.engine.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real timer thread. To make ordering independent of scheduling speed, ordering tests park the timer thread in a
 * blocker task and give every task a deadline relative to one base time a little in the future, so no deadline depends
 * on how long scheduling took; then they release the blocker: what runs next is decided by the heap alone.
 */
class ThreadTimerTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final String name = "steadfast-timer-test-" + System.identityHashCode(this);
    private final ExecutorService handOffs = Executors.newCachedThreadPool(r -> new Thread(r, "hand-off"));
    private final ThreadTimer timer = new ThreadTimer(name, handOffs);

    @AfterEach
    void stop() {
        timer.shutdown();
        handOffs.shutdownNow();
    }

    private long threadsNamed() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && name.equals(t.getName()))
                .count();
    }

    /** Occupies the timer thread until the returned latch is released; returns once the blocker is running. */
    private CountDownLatch parkTheTimerThread() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        timer.schedule(0, () -> {
            running.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(running.await(5, TimeUnit.SECONDS), "the timer thread runs a due task");
        return release;
    }

    /** A base time far enough ahead that scheduling a few hundred tasks cannot overtake it. */
    private static long baseAhead() {
        return System.nanoTime() + 100 * MS;
    }

    /** Schedules so that the deadline is {@code base + offset} whatever time scheduling itself takes. */
    private Timer.Task scheduleAt(long base, long offsetNanos, Runnable action) {
        return timer.schedule(base + offsetNanos - System.nanoTime(), action);
    }

    @Test
    void startsNoThreadBeforeTheFirstScheduleAndOneAfterIt() {
        assertFalse(timer.isRunning());
        assertEquals(0, threadsNamed());

        timer.schedule(TimeUnit.MINUTES.toNanos(1), () -> {
        });
        timer.schedule(TimeUnit.MINUTES.toNanos(1), () -> {
        });

        assertTrue(timer.isRunning());
        assertEquals(1, threadsNamed());
        assertEquals(2, timer.pending());
    }

    @Test
    void runsTasksInDeadlineOrderWhateverTheOrderTheyWereScheduledIn() throws Exception {
        List<Integer> offsets = new ArrayList<>(IntStream.range(0, 100).boxed().toList());
        Collections.shuffle(offsets, new Random(42));
        List<Integer> ran = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(offsets.size());

        CountDownLatch release = parkTheTimerThread();
        long base = baseAhead();
        for (int k : offsets) {
            scheduleAt(base, k * MS, () -> {
                ran.add(k);
                all.countDown();
            });
        }
        assertEquals(100, timer.pending());
        release.countDown();

        assertTrue(all.await(5, TimeUnit.SECONDS), "every task ran");
        assertEquals(IntStream.range(0, 100).boxed().toList(), ran);
        assertEquals(0, timer.pending());
    }

    @Test
    void aTaskForAnIdleTimerRunsOnTime() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        timer.schedule(0, first::countDown);
        assertTrue(first.await(5, TimeUnit.SECONDS), "the first task ran");
        Thread.sleep(50); // lets the thread park with an empty heap; the task below must wake it either way

        CountDownLatch second = new CountDownLatch(1);
        timer.schedule(MS, second::countDown);
        assertTrue(second.await(5, TimeUnit.SECONDS), "a task scheduled on an idle timer woke its thread");
    }

    @Test
    void anEarlierTaskWakesATimerWaitingForALaterOneEvenIfThatOneWasCancelled() throws Exception {
        Timer.Task later = timer.schedule(TimeUnit.MINUTES.toNanos(1), () -> {
        });
        Thread.sleep(50); // lets the thread park until the later deadline; the task below must wake it either way
        later.cancel();

        CountDownLatch earlier = new CountDownLatch(1);
        timer.schedule(MS, earlier::countDown);
        assertTrue(earlier.await(5, TimeUnit.SECONDS), "the earlier task did not wait for the later deadline");
    }

    @Test
    void aCancelledTaskIsNotCountedAtOnceAndNeverRuns() throws Exception {
        List<Integer> ran = new CopyOnWriteArrayList<>();
        CountDownLatch kept = new CountDownLatch(10);

        CountDownLatch release = parkTheTimerThread();
        long base = baseAhead();
        List<Timer.Task> tasks = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            int n = k;
            tasks.add(scheduleAt(base, k * MS, () -> {
                ran.add(n);
                kept.countDown();
            }));
        }
        for (int k = 0; k < 20; k += 2) {
            tasks.get(k).cancel(); // even ones: from the head, the middle and the leaves of the heap
        }
        assertEquals(10, timer.pending());
        release.countDown();

        assertTrue(kept.await(5, TimeUnit.SECONDS));
        // A sentinel after every kept task: once it ran, no cancelled task can still be waiting to run.
        CountDownLatch sentinel = new CountDownLatch(1);
        scheduleAt(base, 25 * MS, sentinel::countDown);
        assertTrue(sentinel.await(5, TimeUnit.SECONDS));
        assertEquals(List.of(1, 3, 5, 7, 9, 11, 13, 15, 17, 19), ran);
        assertEquals(0, timer.pending());
    }

    /** An entry of the caller's, as a timeout's watchdog is: cancelled by moving its own state. */
    private static final class Watch extends Timer.Entry {

        final CountDownLatch expired = new CountDownLatch(1);

        @Override
        protected void expire() {
            if (compareAndSetState(PENDING, 1)) {
                expired.countDown();
            }
        }

        boolean cancel() {
            return compareAndSetState(PENDING, 2);
        }
    }

    @Test
    void anArmedEntryExpiresAtItsDeadlineCountedFromTheCallersReading() throws Exception {
        Watch watch = new Watch();
        long now = System.nanoTime();

        timer.arm(watch, now - TimeUnit.SECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(1) + 20 * MS);

        assertTrue(watch.expired.await(5, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - now >= 20 * MS, "not before the deadline counted from the given reading");
        assertFalse(watch.isPending());
        assertEquals(0, timer.pending());
    }

    @Test
    void anEntryWhoseStateMovedNeverExpiresAndIsNotCountedWithoutTellingTheTimer() throws Exception {
        Watch cancelled = new Watch();
        Watch kept = new Watch();
        long now = System.nanoTime();
        timer.arm(cancelled, now, 10 * MS);
        timer.arm(kept, now, 20 * MS);
        assertEquals(2, timer.pending());

        assertTrue(cancelled.cancel());
        timer.disarm(cancelled);
        assertEquals(1, timer.pending());

        assertTrue(kept.expired.await(5, TimeUnit.SECONDS));
        assertEquals(1, cancelled.expired.getCount(), "the cancelled entry never expired");
        assertFalse(cancelled.cancel(), "its state stays the caller's");
    }

    /** How many entries the timer's heap holds (pending or cancelled), read on the timer's thread. */
    private int retained() throws Exception {
        CompletableFuture<Integer> seen = new CompletableFuture<>();
        timer.schedule(0, () -> seen.complete(timer.retainedOnTheTimerThread()));
        return seen.get(5, TimeUnit.SECONDS);
    }

    /** Arms {@code count} entries a minute ahead while the timer thread is held, so that one sweep takes them all. */
    private List<Watch> armWhileHeld(int count, boolean cancelAtOnce) throws Exception {
        CountDownLatch release = parkTheTimerThread();
        List<Watch> watches = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Watch w = new Watch();
            timer.arm(w, System.nanoTime(), TimeUnit.MINUTES.toNanos(1));
            if (cancelAtOnce) {
                w.cancel();
            }
            watches.add(w);
        }
        release.countDown();
        return watches;
    }

    @Test
    void cancelledEntriesAreDroppedBeforeTheHeapOrPurgedFromItSoTheyHoldNoMemoryForLong() throws Exception {
        int n = 3 * TimerQueue.PURGE_MIN;
        List<Watch> first = armWhileHeld(n, false);
        assertEquals(n, retained(), "pending entries are kept");

        armWhileHeld(n, true);
        assertEquals(n, retained(), "entries cancelled before the sweep never reach the heap");

        first.forEach(Watch::cancel);
        armWhileHeld(n, false);
        assertEquals(n, retained(), "once as many entries were added as the last purge kept, the cancelled ones go");
        assertEquals(n, timer.pending());
    }

    @Test
    void cancellingTwiceOrAfterTheTaskRanDoesNothing() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        Timer.Task done = timer.schedule(0, ran::countDown);
        assertTrue(ran.await(5, TimeUnit.SECONDS));
        Timer.Task other = timer.schedule(TimeUnit.MINUTES.toNanos(1), () -> {
        });

        done.cancel();
        assertEquals(1, timer.pending(), "cancelling a task that already ran leaves the others alone");
        other.cancel();
        other.cancel();
        assertEquals(0, timer.pending());
    }

    @Test
    void aFailingTaskDoesNotStopTheTimer() throws Exception {
        CountDownLatch after = new CountDownLatch(1);

        timer.schedule(0, () -> {
            throw new IllegalStateException("a broken action");
        });
        timer.schedule(MS, after::countDown);

        assertTrue(after.await(5, TimeUnit.SECONDS));
        assertTrue(timer.isRunning());
    }

    @Test
    void shutdownStopsTheThreadDropsPendingTasksAndRejectsLaterSchedules() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        timer.schedule(0, ran::countDown);
        assertTrue(ran.await(5, TimeUnit.SECONDS));
        timer.schedule(TimeUnit.MINUTES.toNanos(1), () -> {
        });

        timer.shutdown();

        assertFalse(timer.isRunning());
        assertEquals(0, threadsNamed());
        assertEquals(0, timer.pending());
        assertThrows(RejectedExecutionException.class, () -> timer.schedule(0, () -> {
        }));
        timer.shutdown(); // idempotent
    }

    @Test
    void workHandedOffRunsOnTheHandOffExecutorNotOnTheTimerThread() throws Exception {
        CompletableFuture<String> ranOn = new CompletableFuture<>();

        timer.schedule(MS, () -> timer.handOff(() -> ranOn.complete(Thread.currentThread().getName())));

        assertEquals("hand-off", ranOn.get(5, TimeUnit.SECONDS));
    }

    @Test
    void workThatBlocksAfterAHandOffDoesNotDelayTheNextTask() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch next = new CountDownLatch(1);
        try {
            timer.schedule(0, () -> timer.handOff(() -> {
                try {
                    release.await(10, TimeUnit.SECONDS); // a fallback that blocks
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            timer.schedule(10 * MS, next::countDown);

            assertTrue(next.await(5, TimeUnit.SECONDS), "the next task waited for blocked hand-off work");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aHandOffTheExecutorRefusesIsDroppedWithoutHarmingTheTimer() throws Exception {
        ThreadTimer refusing = new ThreadTimer(name + "-refusing", work -> {
            throw new RejectedExecutionException("stopping");
        });
        try {
            CountDownLatch after = new CountDownLatch(1);
            refusing.schedule(0, () -> refusing.handOff(() -> { }));
            refusing.schedule(MS, after::countDown);

            assertTrue(after.await(5, TimeUnit.SECONDS));
        } finally {
            refusing.shutdown();
        }
    }

    @Test
    void theThreadCarriesNoInheritedThreadLocalNorTheCallersContextClassLoaderAndIsADaemon() throws Exception {
        InheritableThreadLocal<String> request = new InheritableThreadLocal<>();
        ClassLoader application = new URLClassLoader("application", new URL[0], getClass().getClassLoader());
        CompletableFuture<Thread> timerThread = new CompletableFuture<>();
        CompletableFuture<String> seen = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            request.set("the caller's request");
            Thread.currentThread().setContextClassLoader(application);
            timer.schedule(0, () -> {
                timerThread.complete(Thread.currentThread());
                seen.complete(String.valueOf(request.get()));
            });
        });
        caller.start();

        Thread t = timerThread.get(5, TimeUnit.SECONDS);
        assertEquals("null", seen.get(5, TimeUnit.SECONDS));
        assertNotSame(application, t.getContextClassLoader());
        assertTrue(t.isDaemon());
    }

    @Test
    void theThreadEndsWhenIdleAndTheNextScheduleStartsAnother() throws Exception {
        ThreadTimer quick = new ThreadTimer(name + "-idle", handOffs, TimeUnit.MILLISECONDS.toNanos(50));
        try {
            CountDownLatch first = new CountDownLatch(1);
            quick.schedule(0, first::countDown);
            assertTrue(first.await(5, TimeUnit.SECONDS));

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (quick.isRunning() && System.nanoTime() - deadline < 0) {
                Thread.sleep(10);
            }
            assertFalse(quick.isRunning(), "the idle thread ended");

            CountDownLatch second = new CountDownLatch(1);
            quick.schedule(MS, second::countDown);
            assertTrue(second.await(5, TimeUnit.SECONDS), "a new thread runs what is scheduled afterwards");
        } finally {
            quick.shutdown();
        }
    }

    @Test
    void shutdownBeforeAnyScheduleStartsNoThreadAndStillRejects() {
        timer.shutdown();

        assertEquals(0, threadsNamed());
        assertThrows(RejectedExecutionException.class, () -> timer.schedule(MS, () -> {
        }));
    }
}
