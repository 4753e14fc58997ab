package dev.steadfast.engine.time;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Runs short actions after a delay, for every timeout, delayed retry, bulkhead wait and breaker of an engine.
 *
 * <p><b>Two kinds of work.</b> An action passed to {@link #schedule} (or an {@link Entry} {@linkplain #arm armed})
 * runs on the timer's own thread, which serves every call of the engine: it must be Steadfast's own constant-time
 * bookkeeping (a compare-and-set, an interrupt, an unpark) and never run user code, or one slow fallback would delay
 * every other timeout. Whatever a timer event sets off that can run user code (completing a stage, which runs
 * fallbacks and the callers' callbacks; notifying listeners; starting an attempt) the action passes to
 * {@link #handOff}, which runs it elsewhere.
 *
 * <p><b>Two ways in.</b> {@link #schedule} takes a {@code Runnable} and returns a handle to cancel it: for the rare
 * events (a breaker opening, a retry's delay). {@link #arm} takes an {@link Entry} that the caller made, for the
 * per-call case (a timeout): the entry is the timer's own record of the deadline, so arming allocates nothing more,
 * and the caller cancels it by changing the entry's state, without calling the timer at all (see {@link #disarm}).
 */
public interface Timer {

    /**
     * Runs {@code action} once, {@code delayNanos} from now, on the timer's thread.
     *
     * @param action constant-time bookkeeping; no user code, no blocking
     * @return a handle that cancels the action if it has not started
     * @throws java.util.concurrent.RejectedExecutionException when the timer has been shut down
     */
    Task schedule(long delayNanos, Runnable action);

    /**
     * Arms {@code entry} to {@linkplain Entry#expire() expire} on the timer's thread at {@code now + delayNanos},
     * unless its state has left {@link Entry#PENDING} by then. An entry is armed once.
     *
     * <p>{@code now} is the caller's own reading of the engine's {@link Clock}, which the timer runs on (the engine
     * pairs them: {@link SystemClock} with {@link ThreadTimer}, a {@link ManualClock} with its {@link ManualTimer}), so
     * the deadline costs no second reading. This default schedules the entry through {@link #schedule}, counting the
     * delay from the timer's own clock; a timer with a cheaper way overrides it and {@link #disarm}.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the timer has been shut down
     */
    default void arm(Entry entry, long now, long delayNanos) {
        entry.link = schedule(delayNanos, entry::expire);
    }

    /**
     * Tells the timer that {@code entry}, whose state the caller has just moved out of {@link Entry#PENDING}, will
     * never expire. The real timer ({@link ThreadTimer}) needs nothing here: it drops such entries when it meets
     * them. This default cancels the handle that {@link #arm}'s default took, so timers made for tests count their
     * pending actions exactly.
     */
    default void disarm(Entry entry) {
        if (entry.link instanceof Task task) {
            task.cancel();
        }
    }

    /**
     * Runs {@code work}, which may run user code, off the timer's thread: the real timer ({@link ThreadTimer}) gives
     * it to the engine's asynchronous executor. Called from a scheduled action; never throws (work that cannot be
     * handed off because the engine is stopping is dropped).
     *
     * <p>This default runs {@code work} at once on the calling thread, which is right only for a timer whose actions
     * run on a thread of no one else's: a manual or virtual-time timer, whose actions run on the test's thread that
     * moves the clock. A timer with a thread of its own must override it.
     */
    default void handOff(Runnable work) {
        work.run();
    }

    /** A scheduled action. */
    interface Task {

        /** Prevents the action from running if it has not started; does nothing otherwise. */
        void cancel();
    }

    /**
     * A deadline that the caller allocates, once per armed call, and that the timer keeps as it is: its heap entry.
     * Its {@code int} state is the one word that the caller and the timer race on: {@link #PENDING} (0) while armed;
     * whoever moves it elsewhere first decides. The timer calls {@link #expire()} at the deadline only while the state
     * is still {@code PENDING}, and {@code expire} must itself win a compare-and-set from {@code PENDING} before it
     * acts, since the caller may move the state at the same moment. The caller cancels by moving the state (and then
     * calls {@link Timer#disarm}); an entry no longer {@code PENDING} is garbage to the timer, dropped when met.
     *
     * <p>The fields are the deadline, the state and one link for the timer's use: 28 bytes with compressed pointers,
     * so a subclass with one reference field of its own is a 32-byte object.
     */
    abstract class Entry {

        /** The state while armed and undecided. Subclasses number their other states from 1. */
        protected static final int PENDING = 0;

        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Entry.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** Written by the timer before the entry is published to its thread; read only by the timer. */
        long deadline;
        /** The timer's link: the next entry of {@link ThreadTimer}'s inbound list, or the default arm's task. */
        Object link;
        private volatile int state;

        protected Entry() {
        }

        /** The deadline was reached while the state was {@link #PENDING}; runs on the timer's thread. */
        protected abstract void expire();

        protected final int state() {
            return state;
        }

        protected final void setState(int value) {
            state = value;
        }

        protected final boolean compareAndSetState(int expected, int value) {
            return STATE.compareAndSet(this, expected, value);
        }

        /** Whether it is still armed and undecided. */
        public final boolean isPending() {
            return state == PENDING;
        }
    }
}
