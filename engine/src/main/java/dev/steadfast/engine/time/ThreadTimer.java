package dev.steadfast.engine.time;

import dev.steadfast.engine.SteadfastThreads;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one timer thread of an engine, shared by every timeout and delayed retry: no thread or executor task per call,
 * and no lock. Its time base is {@code System.nanoTime()}, that of {@link SystemClock}: the {@code now} given to
 * {@link #arm} is a reading of it.
 *
 * <p><b>Arm and cancel without a lock.</b> {@link #arm} pushes the caller's {@link Entry} onto a lock-free list (one
 * compare-and-set) and reads how the thread sleeps; the caller cancels by moving the entry's state, and the timer is
 * not told ({@link #disarm} does nothing). The thread alone moves the list into a binary min-heap by deadline
 * ({@link TimerQueue}), dropping the entries cancelled meanwhile (most of them, as most timed calls end long before
 * their deadline), and expires the pending heads as their deadlines come.
 *
 * <p><b>Wake-ups.</b> A wake-up is a system call and a context switch, more than the rest of a timeout costs, so an
 * arm wakes the thread only when it must: when the new deadline comes before the time the thread sleeps until (which
 * the thread publishes before it parks, see {@link #loop}), and at most once per {@link #DRAIN_INTERVAL_NANOS} so the
 * thread sweeps away cancelled entries before they pile up (a bound on the memory they hold: what one interval of
 * calls allocates).
 *
 * <p>The thread runs only the expired entries' actions, Steadfast's constant-time bookkeeping; what they
 * {@linkplain #handOff hand off} runs on the hand-off executor. It is a daemon thread made by {@link SteadfastThreads}
 * (no inherited thread locals, no application class loader), starts on the first arm, ends after {@code idle}
 * without pending entries (the next arm starts a new one) and with {@link #shutdown()}.
 */
public final class ThreadTimer implements Timer {

    /** How long the thread waits, with nothing pending, before it ends. */
    public static final long DEFAULT_IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** At most this long between two sweeps of the inbound entries, while arms keep coming. */
    static final long DRAIN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private static final System.Logger LOG = System.getLogger("dev.steadfast");

    private static final VarHandle THREAD;
    private static final VarHandle DRAIN_BY;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            THREAD = lookup.findVarHandle(ThreadTimer.class, "thread", Thread.class);
            DRAIN_BY = lookup.findVarHandle(ThreadTimer.class, "drainBy", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String threadName;
    private final Executor handOff;
    private final long idleNanos;
    private final TimerQueue queue = new TimerQueue();

    /** The timer thread, or {@code null} before the first arm and after it ended idle. */
    private volatile Thread thread;
    /**
     * While the thread is parked: the time it wakes by itself. While it runs: the time it last woke, earlier than
     * any deadline that needs it, so arms do not wake a thread that is awake.
     */
    private volatile long wakeAt;
    /** The time after which the next arm wakes the thread to sweep the inbound entries. */
    private volatile long drainBy;
    private volatile boolean shutdown;

    /**
     * @param threadName the timer thread's name
     * @param handOff    runs what the actions {@linkplain #handOff hand off}; must not run it on the calling thread
     */
    public ThreadTimer(String threadName, Executor handOff) {
        this(threadName, handOff, DEFAULT_IDLE_NANOS);
    }

    /**
     * @param threadName the timer thread's name
     * @param handOff    runs what the actions {@linkplain #handOff hand off}; must not run it on the calling thread
     * @param idleNanos  how long the thread waits with nothing pending before it ends (positive)
     */
    public ThreadTimer(String threadName, Executor handOff, long idleNanos) {
        this.threadName = Objects.requireNonNull(threadName, "threadName");
        this.handOff = Objects.requireNonNull(handOff, "handOff");
        if (idleNanos <= 0) {
            throw new IllegalArgumentException("idle time must be positive: " + idleNanos + " ns");
        }
        this.idleNanos = idleNanos;
    }

    @Override
    public Task schedule(long delayNanos, Runnable action) {
        Action a = new Action(Objects.requireNonNull(action, "action"));
        arm(a, System.nanoTime(), delayNanos);
        return a;
    }

    /**
     * Lock-free: one compare-and-set, then at most one unpark (see the class's description).
     *
     * @param now a reading of {@code System.nanoTime()} (the engine's {@link SystemClock})
     */
    @Override
    public void arm(Entry entry, long now, long delayNanos) {
        long deadline = now + Math.max(0, delayNanos);
        entry.deadline = deadline;
        if (!queue.push(entry)) {
            throw new RejectedExecutionException("The Steadfast timer has been shut down");
        }
        // Read after the push (a volatile compare-and-set). The thread publishes wakeAt and then reads the inbound
        // list one last time before it parks; with both sides' write-then-read sequentially consistent, either the
        // thread sees this entry there, or this read sees the wakeAt it parks with, and wakes it if that is too late.
        Thread t = thread;
        if (t == null) {
            start();
        } else if (deadline - wakeAt < 0) {
            LockSupport.unpark(t);
        } else {
            long by = drainBy;
            if (now - by > 0 && DRAIN_BY.compareAndSet(this, by, now + DRAIN_INTERVAL_NANOS)) {
                LockSupport.unpark(t); // one arm per interval sweeps for the others
            }
        }
    }

    /** Nothing to do: the thread drops an entry that is no longer pending when it meets it. */
    @Override
    public void disarm(Entry entry) {
    }

    /**
     * Gives {@code work} to the hand-off executor. Never throws: work it refuses (the engine is stopping) is logged
     * and dropped.
     */
    @Override
    public void handOff(Runnable work) {
        try {
            handOff.execute(work);
        } catch (RuntimeException refused) {
            LOG.log(Level.DEBUG, () -> "Steadfast dropped timer work on " + threadName + ": " + refused);
        }
    }

    /** Stops the thread and drops every pending entry; later arms are rejected. Idempotent. */
    public void shutdown() {
        shutdown = true;
        queue.close();
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            LockSupport.unpark(t);
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the timer thread is running, for tests and diagnostics. */
    public boolean isRunning() {
        Thread t = thread;
        return t != null && t.isAlive() && !shutdown;
    }

    /**
     * Entries armed and neither expired nor cancelled, for tests and diagnostics: exact while the thread is parked or
     * runs an action.
     */
    public int pending() {
        return queue.pending();
    }

    /** Entries the heap holds, pending or cancelled and not yet dropped; read on the timer thread (for tests). */
    int retainedOnTheTimerThread() {
        return queue.heapSize();
    }

    private void start() {
        Thread t = SteadfastThreads.newThread(threadName, this::loop);
        // One thread at a time: the winner of this compare-and-set, or the ending thread that takes its place back.
        if (THREAD.compareAndSet(this, null, t)) {
            t.start();
        }
    }

    private void loop() {
        Thread me = Thread.currentThread();
        while (true) {
            long now = System.nanoTime();
            wakeAt = now;
            if (!queue.drain()) {
                queue.clear(); // shut down
                return;
            }
            drainBy = now + DRAIN_INTERVAL_NANOS;
            if (expireDue(now)) {
                continue; // that took time: look at the clock and the inbound list again
            }
            long until;
            boolean idle = false;
            if (!queue.isEmpty()) {
                until = queue.headDeadline();
            } else if (queue.dropped() && queue.droppedUntil() - now > 0) {
                // Nothing pending, but calls with the deadlines just dropped were coming: sleep until the latest of
                // them rather than idly, so that the next call's arm, due later, does not wake this thread.
                until = queue.droppedUntil();
            } else {
                queue.forgetDropped();
                until = now + idleNanos;
                idle = true;
            }
            wakeAt = until;
            // The last look, after publishing wakeAt (see arm): an entry pushed before it that needs an earlier wake.
            if (queue.inboundDueBefore(until)) {
                continue;
            }
            if (shutdown) {
                queue.clear();
                return;
            }
            LockSupport.parkNanos(this, until - now);
            if (idle && System.nanoTime() - until >= 0 && queue.isEmpty() && !queue.hasInbound() && !shutdown) {
                // Idle for idleNanos: end. Then look once more: an arm that saw this thread before it let go may have
                // pushed an entry; whoever wins the compare-and-set (this thread or an arm's new one) serves it.
                thread = null;
                if (!queue.hasInbound() || !THREAD.compareAndSet(this, null, me)) {
                    return;
                }
            }
        }
    }

    /** Expires the pending entries due at {@code now}; whether there were any. */
    private boolean expireDue(long now) {
        boolean any = false;
        Entry due;
        while ((due = queue.pollDue(now)) != null) {
            any = true;
            try {
                due.expire();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.ERROR, "A Steadfast timer action failed", e);
            }
        }
        return any;
    }

    /** A {@link #schedule}d action: an entry that runs it, unless cancelled first. */
    private static final class Action extends Entry implements Task {

        private static final int RAN = 1;
        private static final int CANCELLED = 2;

        private final Runnable action;

        Action(Runnable action) {
            this.action = action;
        }

        @Override
        protected void expire() {
            if (compareAndSetState(PENDING, RAN)) {
                action.run();
            }
        }

        @Override
        public void cancel() {
            compareAndSetState(PENDING, CANCELLED);
        }
    }
}
