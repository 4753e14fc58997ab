package dev.steadfast.engine.bulkhead;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The permits of one bulkhead and the FIFO of calls waiting for one, shared by the synchronous and the asynchronous
 * strategy. Taking a free permit and returning one nobody waits for are a single CAS on {@link #state}; only
 * queueing, handing a permit to a waiter and leaving the queue take {@link #lock}, briefly, and nobody ever waits
 * while holding it (waiting is the caller's business, see {@link Waiter#granted()}).
 *
 * <p>{@link #state} packs two counts into one long, so one CAS decides on both: the permits held (low 32 bits) and
 * the waiters queued (high 32 bits). The whole design rests on one invariant:
 * <b>waiters are queued only while every permit is held</b> ({@code waiting > 0} implies {@code running == max}).
 * It holds because
 * <ul>
 * <li>a caller queues only after it saw {@code running == max} in the same snapshot its CAS replaces;</li>
 * <li>a permit is returned to the pool (running - 1) only by a CAS on a snapshot with {@code waiting == 0}; with
 * waiters, the releaser instead moves the permit to the first waiter (waiting - 1, running unchanged);</li>
 * <li>a waiter that gives up leaves with waiting - 1 and running unchanged.</li>
 * </ul>
 * Consequences: the lock-free fast path ({@code running < max}) can never overtake a queued caller, so waiting is
 * fair (FIFO); and a waiter can never sit in the queue while a permit is free, so no wake-up is lost. The queue and
 * the waiting count change together under the lock, so a releaser that holds the lock and reads {@code waiting > 0}
 * always finds a queued waiter.
 *
 * <p>Nothing here needs resetting: the counts are the permits actually held and the calls actually queued. Every
 * permit is returned exactly once by the call that holds it, and a permit always goes back to the instance that gave
 * it, so a bulkhead rebuilt with new settings (a new instance) cannot be disturbed by calls still running on the old.
 */
final class Permits {

    enum Outcome {
        /** The caller holds a permit. */
        ACQUIRED,
        /** The caller's waiter is queued; {@link Waiter#granted()} runs when a permit is handed to it. */
        QUEUED,
        /** No permit and no room in the queue. */
        FULL
    }

    private static final long ONE_RUNNING = 1L;
    private static final long ONE_WAITING = 1L << 32;
    private static final long RUNNING_MASK = 0xFFFF_FFFFL;

    private final int maxRunning;
    private final int maxWaiting;
    private final AtomicLong state = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();

    // Guarded by lock. The number of linked waiters is always waiting(state) when the lock is free.
    private Waiter head;
    private Waiter tail;

    /**
     * @param maxRunning permits, at least 1
     * @param maxWaiting waiters allowed in the queue at once, at least 0
     */
    Permits(int maxRunning, int maxWaiting) {
        this.maxRunning = maxRunning;
        this.maxWaiting = maxWaiting;
    }

    /** Takes a free permit, if any; never queues. One CAS when uncontended. */
    boolean tryAcquire() {
        long s = state.get();
        // running < max implies nobody is queued (the invariant above), so taking the permit overtakes no one.
        while ((s & RUNNING_MASK) < maxRunning) {
            long witness = state.compareAndExchange(s, s + ONE_RUNNING);
            if (witness == s) {
                return true;
            }
            s = witness;
        }
        return false;
    }

    /**
     * Takes a free permit, or queues {@code waiter} if the queue has room. A waiter is queued at most once.
     */
    Outcome acquireOrQueue(Waiter waiter) {
        if (tryAcquire()) {
            return Outcome.ACQUIRED;
        }
        if (waiting(state.get()) >= maxWaiting) {
            return Outcome.FULL; // a cheap rejection that never touches the lock
        }
        lock.lock();
        try {
            long s = state.get();
            while (true) {
                long next;
                Outcome outcome;
                if ((s & RUNNING_MASK) < maxRunning) {
                    next = s + ONE_RUNNING; // a permit came back since the fast path looked
                    outcome = Outcome.ACQUIRED;
                } else if (waiting(s) >= maxWaiting) {
                    return Outcome.FULL;
                } else {
                    next = s + ONE_WAITING;
                    outcome = Outcome.QUEUED;
                }
                long witness = state.compareAndExchange(s, next);
                if (witness == s) {
                    if (outcome == Outcome.QUEUED) {
                        link(waiter); // before unlocking: a releaser that sees the count finds the waiter
                    }
                    return outcome;
                }
                s = witness;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the caller's permit: to the pool when nobody waits (one CAS), else to the first waiter, which is then
     * returned. The caller must call {@link Waiter#granted()} on it, after this method returned (outside the lock).
     *
     * @return the waiter that now holds the permit, or {@code null}
     */
    Waiter release() {
        long s = state.get();
        while (waiting(s) == 0) {
            long witness = state.compareAndExchange(s, s - ONE_RUNNING);
            if (witness == s) {
                return null;
            }
            s = witness;
        }
        lock.lock();
        try {
            s = state.get();
            while (true) {
                if (waiting(s) == 0) {
                    // The waiters we saw gave up meanwhile: the permit goes back to the pool after all.
                    long witness = state.compareAndExchange(s, s - ONE_RUNNING);
                    if (witness == s) {
                        return null;
                    }
                    s = witness;
                    continue;
                }
                // The permit moves to the first waiter: one waiter less, the same number running.
                long witness = state.compareAndExchange(s, s - ONE_WAITING);
                if (witness == s) {
                    Waiter first = head;
                    unlink(first);
                    first.status = Waiter.GRANTED;
                    return first;
                }
                s = witness;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes {@code waiter} out of the queue if it is still waiting (it gave up: timed out, interrupted, cancelled).
     *
     * @return {@code true} when it left the queue without a permit; {@code false} when it was not queued or a permit
     *         was already handed to it (then it holds that permit and must release it)
     */
    boolean leave(Waiter waiter) {
        if (waiter.status != Waiter.WAITING) {
            return false; // never queued, or already granted or gone: no need for the lock
        }
        lock.lock();
        try {
            if (waiter.status != Waiter.WAITING) {
                return false;
            }
            unlink(waiter);
            state.addAndGet(-ONE_WAITING);
            waiter.status = Waiter.LEFT;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Permits held now. */
    int running() {
        return (int) (state.get() & RUNNING_MASK);
    }

    /** Waiters queued now. */
    int waiting() {
        return waiting(state.get());
    }

    private static int waiting(long s) {
        return (int) (s >>> 32);
    }

    private void link(Waiter w) {
        w.status = Waiter.WAITING;
        w.prev = tail;
        if (tail == null) {
            head = w;
        } else {
            tail.next = w;
        }
        tail = w;
    }

    private void unlink(Waiter w) {
        if (w.prev == null) {
            head = w.next;
        } else {
            w.prev.next = w.next;
        }
        if (w.next == null) {
            tail = w.prev;
        } else {
            w.next.prev = w.prev;
        }
        w.prev = null;
        w.next = null;
    }

    /** A call in the queue. Its status changes only under the lock; it is volatile for the waiting thread. */
    abstract static class Waiter {

        static final int NEW = 0;
        static final int WAITING = 1;
        static final int GRANTED = 2;
        static final int LEFT = 3;

        volatile int status = NEW;
        private Waiter prev; // guarded by lock
        private Waiter next; // guarded by lock

        /**
         * Runs after a permit was handed to this waiter, on the releasing thread, outside the lock. Must not throw
         * and must not block.
         */
        abstract void granted();
    }
}
