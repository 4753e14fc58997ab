package dev.steadfast.engine.bulkhead;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.CallRejected;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.time.Timer;

import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;

/**
 * A bulkhead for synchronous calls: at most {@link BulkheadPolicy#maxConcurrent()} bodies run at once, each holding a
 * permit from before it starts until it returns or throws.
 *
 * <p>When every permit is taken:
 * <ul>
 * <li>with {@code maxWait == 0} the call is rejected at once with {@link BulkheadFullException}
 * ({@code waitingTaskQueue} reported as 0);</li>
 * <li>with {@code maxWait > 0} the caller waits, in arrival order, until a running call hands it its permit, and is
 * rejected with {@link BulkheadFullException} if none came within {@code maxWait}. The deadline is kept by the
 * {@link Timer} (no thread per waiter, and a manual timer drives it in tests); the caller parks with
 * {@link LockSupport} and never holds a monitor, so a waiting virtual thread unmounts. An interrupt while waiting
 * ends the wait with {@link InterruptedException}; the thread's interrupt flag stays set, so that an enclosing retry
 * stops too.</li>
 * </ul>
 * Every rejection is announced as {@link CallRejected.Reason#BULKHEAD_FULL}. A free permit costs one CAS to take
 * and one to give back, and nothing is allocated.
 *
 * <p>Thread-safe; one instance serves every call of its method. {@link #running()} and {@link #queued()} read live
 * state (for metrics and operators); there is nothing to reset.
 *
 * @param <V> the result type
 */
public final class BulkheadStrategy<V> implements Strategy<V> {

    private final Strategy<V> next;
    private final String method;
    private final int maxConcurrent;
    private final long maxWaitNanos;
    private final Timer timer;
    private final EngineListener listener;
    private final Permits permits;

    /**
     * @param next     the strategy inside this one
     * @param method   the guarded method, for messages and events
     * @param policy   the limits; {@code waitingTaskQueue} is ignored: synchronous callers wait at most {@code maxWait}
     * @param timer    ends waits at {@code maxWait}; not used when {@code maxWait} is 0
     * @param listener hears rejections
     */
    public BulkheadStrategy(Strategy<V> next, String method, BulkheadPolicy policy, Timer timer,
            EngineListener listener) {
        this.next = Objects.requireNonNull(next, "next");
        this.method = Objects.requireNonNull(method, "method");
        this.maxConcurrent = policy.maxConcurrent();
        this.maxWaitNanos = policy.maxWaitNanos();
        this.timer = Objects.requireNonNull(timer, "timer");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.permits = new Permits(maxConcurrent, Integer.MAX_VALUE);
    }

    @Override
    public V call(Invocation<V> invocation) throws Exception {
        if (!permits.tryAcquire()) {
            awaitPermit();
        }
        try {
            return next.call(invocation);
        } finally {
            release();
        }
    }

    /** Bodies running now. */
    public int running() {
        return permits.running();
    }

    /** Callers waiting for a permit now. */
    public int queued() {
        return permits.waiting();
    }

    private void release() {
        Permits.Waiter first = permits.release();
        if (first != null) {
            first.granted();
        }
    }

    /** Returns holding a permit, or throws. */
    private void awaitPermit() throws InterruptedException {
        if (maxWaitNanos == 0) {
            throw rejected();
        }
        if (Thread.currentThread().isInterrupted()) {
            throw interrupted();
        }
        Parked waiter = new Parked(Thread.currentThread());
        switch (permits.acquireOrQueue(waiter)) {
            case ACQUIRED -> {
                return;
            }
            case FULL -> throw rejected(); // not reached: the queue of synchronous waiters is unbounded
            case QUEUED -> {
                // wait below
            }
        }
        Timer.Task deadline;
        try {
            deadline = timer.schedule(maxWaitNanos, () -> {
                if (permits.leave(waiter)) {
                    LockSupport.unpark(waiter.thread);
                }
            });
        } catch (RejectedExecutionException shutDown) {
            // No timer (the runtime is stopping): waiting could not be bounded, so do not wait.
            if (permits.leave(waiter)) {
                throw rejected();
            }
            return; // a permit was handed to us meanwhile
        }
        boolean interrupted = false;
        // Status changes happen under the permits' lock and are followed by unpark(); park() may also return
        // spuriously, hence the loop on the volatile status.
        while (waiter.status == Permits.Waiter.WAITING) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                interrupted = true;
                break;
            }
        }
        deadline.cancel();
        if (interrupted) {
            if (!permits.leave(waiter) && waiter.status == Permits.Waiter.GRANTED) {
                release(); // the permit arrived together with the interrupt: pass it on
            }
            Thread.currentThread().interrupt();
            throw interrupted();
        }
        if (waiter.status != Permits.Waiter.GRANTED) {
            throw rejected(); // the deadline took it out of the queue
        }
    }

    private BulkheadFullException rejected() {
        listener.callRejected(method, CallRejected.Reason.BULKHEAD_FULL);
        return new BulkheadFullException(method, maxConcurrent, 0);
    }

    private InterruptedException interrupted() {
        return new InterruptedException("Interrupted while waiting for a permit of the bulkhead of " + method);
    }

    /** A synchronous caller parked until it is granted a permit or leaves the queue. */
    private static final class Parked extends Permits.Waiter {

        final Thread thread;

        Parked(Thread thread) {
            this.thread = thread;
        }

        @Override
        void granted() {
            LockSupport.unpark(thread);
        }
    }
}
