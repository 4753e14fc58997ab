package dev.steadfast.junit5;

import dev.steadfast.engine.time.Clock;
import dev.steadfast.engine.time.Timer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The clock an engine gets under {@link FaultToleranceTestExtension}, and its timers: time moves only when the test
 * (or a synchronous retry delay) advances it, and advancing steps from one due timer task to the next, so each task
 * runs with the clock reading its own deadline and anything it schedules in turn is placed from there, exactly as if
 * the time had passed for real. Each engine gets its own {@link #lane() lane} of the one timer queue, so that the
 * tasks of a container that shut down are dropped with it (as the real timer's are). Thread-safe; tasks run on the
 * advancing thread, outside the lock.
 */
final class VirtualTime implements Clock {

    private final Instant origin;
    private final List<Long> sleeps = new ArrayList<>(); // guarded by this
    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>(); // guarded by this
    private long now; // guarded by this; nanoseconds since origin, never decreases
    private long sequence; // guarded by this

    VirtualTime(Instant origin) {
        this.origin = origin;
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Instant instant() {
        return origin.plusNanos(now);
    }

    /**
     * A synchronous wait (a retry delay): moves the clock to at least this thread's wake-up time instead of
     * blocking. Two threads that wait at once overlap, as they would in real time.
     */
    @Override
    public void sleep(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before a virtual-time wait of " + nanos + " ns");
        }
        long target;
        synchronized (this) {
            sleeps.add(nanos);
            target = now + Math.max(0, nanos);
        }
        advanceTo(target);
    }

    /** A new timer on this clock, for one engine. */
    Lane lane() {
        return new Lane();
    }

    /**
     * Moves the clock to {@code target} (if it is not already past it), running each task due by then in deadline
     * order with the clock set to that deadline. A task that fails does not stop the others; the first failure is
     * rethrown at the end, with later ones suppressed.
     */
    void advanceTo(long target) {
        RuntimeException failure = null;
        while (true) {
            Scheduled due;
            synchronized (this) {
                Scheduled head = queue.peek();
                if (head == null || head.deadline > target) {
                    now = Math.max(now, target);
                    break;
                }
                due = queue.poll();
                due.lane.entries.remove(due);
                now = Math.max(now, due.deadline);
            }
            try {
                due.action.run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    synchronized List<Long> sleeps() {
        return List.copyOf(sleeps);
    }

    synchronized void clearSleeps() {
        sleeps.clear();
    }

    /** Waits, in real time, until at least {@code count} tasks are pending; {@code false} if none came in time. */
    synchronized boolean awaitPending(int count, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (queue.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    synchronized int pending() {
        return queue.size();
    }

    /** One engine's timer: its tasks in the shared queue, dropped together when the engine closes. */
    final class Lane implements Timer {

        private final Set<Scheduled> entries = new HashSet<>(); // guarded by VirtualTime.this
        private boolean closed; // guarded by VirtualTime.this

        /** @throws RejectedExecutionException after {@link #close()}, like the real timer after shutdown */
        @Override
        public Task schedule(long delayNanos, Runnable action) {
            Scheduled e;
            synchronized (VirtualTime.this) {
                if (closed) {
                    throw new RejectedExecutionException("The Steadfast container of this timer has shut down");
                }
                e = new Scheduled(this, now + Math.max(0, delayNanos), sequence++, action);
                queue.add(e);
                entries.add(e);
                VirtualTime.this.notifyAll(); // for awaitPending
            }
            if (delayNanos <= 0) {
                advanceTo(e.deadline); // runs it (and whatever else is due) now, on this thread
            }
            return e;
        }

        /** Runs {@code work} at once, on the thread that moves the clock (the test's), as the lane's tasks do. */
        @Override
        public void handOff(Runnable work) {
            work.run();
        }

        /** Drops every pending task of this lane and rejects new ones. */
        void close() {
            synchronized (VirtualTime.this) {
                closed = true;
                queue.removeAll(entries);
                entries.clear();
            }
        }
    }

    private final class Scheduled implements Timer.Task, Comparable<Scheduled> {

        final Lane lane;
        final long deadline;
        final long seq;
        final Runnable action;

        Scheduled(Lane lane, long deadline, long seq, Runnable action) {
            this.lane = lane;
            this.deadline = deadline;
            this.seq = seq;
            this.action = action;
        }

        @Override
        public void cancel() {
            synchronized (VirtualTime.this) {
                queue.remove(this);
                lane.entries.remove(this);
            }
        }

        @Override
        public int compareTo(Scheduled o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
