package dev.steadfast.engine.time;

/**
 * Runs short actions after a delay, for every timeout, delayed retry, bulkhead wait and breaker of an engine.
 *
 * <p><b>Two kinds of work.</b> An action passed to {@link #schedule} runs on the timer's own thread, which serves
 * every call of the engine: it must be Steadfast's own constant-time bookkeeping (a compare-and-set, an interrupt, an
 * unpark) and never run user code, or one slow fallback would delay every other timeout. Whatever a timer event sets
 * off that can run user code (completing a stage, which runs fallbacks and the callers' callbacks; notifying
 * listeners; starting an attempt) the action passes to {@link #handOff}, which runs it elsewhere.
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
}
