package dev.steadfast.engine.time;

import dev.steadfast.engine.SteadfastThreads;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one timer thread of an engine, shared by every timeout and delayed retry: no thread or executor task per call.
 * A binary min-heap ordered by deadline, in which every task knows its index, so {@link Task#cancel()} (the common
 * case: the call finished before its timeout) removes it in O(log n) instead of leaving garbage behind until the
 * deadline.
 *
 * <p>The thread runs only the scheduled actions, Steadfast's constant-time bookkeeping; what they {@linkplain
 * #handOff hand off} runs on the hand-off executor. It is a daemon thread made by {@link SteadfastThreads} (no
 * inherited thread locals, no application class loader), starts on the first {@link #schedule}, ends after
 * {@code idle} without pending actions (the next {@code schedule} starts a new one) and with {@link #shutdown()}.
 */
public final class ThreadTimer implements Timer {

    /** How long the thread waits, with nothing pending, before it ends. */
    public static final long DEFAULT_IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private static final System.Logger LOG = System.getLogger("dev.steadfast");
    private static final int RUNNING = 0;
    private static final int IDLE = 1;
    private static final int TIMED = 2;

    private final String threadName;
    private final Executor handOff;
    private final long idleNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition headChanged = lock.newCondition();

    // Guarded by lock.
    private Node[] heap = new Node[64];
    private int size;
    private Thread thread;
    private boolean shutdown;
    // How the timer thread is parked, so that schedule() wakes it only when it must (a wake-up is a system call and a
    // context switch, more than the rest of a timeout costs): RUNNING (it will read the head before it parks), IDLE
    // (the heap was empty), or TIMED until parkedUntil.
    private int parked = RUNNING;
    private long parkedUntil;

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
        Node node = new Node(System.nanoTime() + Math.max(0, delayNanos), action);
        lock.lock();
        try {
            if (shutdown) {
                throw new RejectedExecutionException("The Steadfast timer has been shut down");
            }
            if (thread == null) {
                Thread t = SteadfastThreads.newThread(threadName, this::loop);
                t.start();
                thread = t;
            }
            add(node);
            // Wake the thread only for a new head it would otherwise oversleep: parked with nothing to do, or in a
            // timed wait that ends after this deadline. A thread that wakes for an older head, now cancelled, just
            // waits again for the current one; a thread not parked reads the head before it parks.
            if (node.index == 0 && (parked == IDLE || parked == TIMED && node.deadline - parkedUntil < 0)) {
                headChanged.signal();
            }
        } finally {
            lock.unlock();
        }
        return node;
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

    /** Stops the thread and drops every pending action. Idempotent. */
    public void shutdown() {
        Thread t;
        lock.lock();
        try {
            shutdown = true;
            Arrays.fill(heap, 0, size, null);
            size = 0;
            t = thread;
            headChanged.signal();
        } finally {
            lock.unlock();
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the timer thread is running, for tests and diagnostics. */
    public boolean isRunning() {
        lock.lock();
        try {
            return thread != null && thread.isAlive() && !shutdown;
        } finally {
            lock.unlock();
        }
    }

    /** Pending actions, for tests and diagnostics. */
    public int pending() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (true) {
            Runnable due;
            lock.lock();
            try {
                while (true) {
                    if (shutdown) {
                        return;
                    }
                    if (size == 0) {
                        parked = IDLE;
                        long left;
                        try {
                            left = headChanged.awaitNanos(idleNanos);
                        } catch (InterruptedException e) {
                            left = 1; // only shutdown() matters to this thread, and it is signalled
                        } finally {
                            parked = RUNNING;
                        }
                        if (left <= 0 && size == 0 && !shutdown) {
                            // Idle for idleNanos: end. Under the lock, so the next schedule() sees no thread and
                            // starts one.
                            thread = null;
                            return;
                        }
                        continue;
                    }
                    long deadline = heap[0].deadline;
                    long wait = deadline - System.nanoTime();
                    if (wait <= 0) {
                        break;
                    }
                    parked = TIMED;
                    parkedUntil = deadline;
                    try {
                        headChanged.awaitNanos(wait);
                    } catch (InterruptedException e) {
                        // Only shutdown() matters to this thread, and it is signalled, not interrupted.
                    } finally {
                        parked = RUNNING;
                    }
                }
                Node head = heap[0];
                removeAt(0);
                due = head.action;
            } finally {
                lock.unlock();
            }
            try {
                due.run();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.ERROR, "A Steadfast timer action failed", e);
            }
        }
    }

    // Heap operations; all guarded by lock.

    private void add(Node node) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        node.index = size;
        heap[size++] = node;
        siftUp(node.index);
    }

    private void removeAt(int i) {
        Node removed = heap[i];
        removed.index = -1;
        int last = --size;
        if (i != last) {
            Node moved = heap[last];
            heap[i] = moved;
            moved.index = i;
            heap[last] = null;
            siftDown(i);
            if (heap[i] == moved) {
                siftUp(i);
            }
        } else {
            heap[last] = null;
        }
    }

    private void siftUp(int i) {
        Node node = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Node p = heap[parent];
            if (p.deadline - node.deadline <= 0) {
                break;
            }
            heap[i] = p;
            p.index = i;
            i = parent;
        }
        heap[i] = node;
        node.index = i;
    }

    private void siftDown(int i) {
        Node node = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && heap[right].deadline - heap[child].deadline < 0) {
                child = right;
            }
            Node c = heap[child];
            if (node.deadline - c.deadline <= 0) {
                break;
            }
            heap[i] = c;
            c.index = i;
            i = child;
        }
        heap[i] = node;
        node.index = i;
    }

    private final class Node implements Task {

        final long deadline;
        final Runnable action;
        int index = -1; // guarded by lock; -1 once run or cancelled

        Node(long deadline, Runnable action) {
            this.deadline = deadline;
            this.action = action;
        }

        @Override
        public void cancel() {
            lock.lock();
            try {
                if (index >= 0 && index < size && heap[index] == this) {
                    removeAt(index);
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
