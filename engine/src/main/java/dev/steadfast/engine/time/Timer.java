package dev.steadfast.engine.time;

/**
 * Runs short actions after a delay: interrupting a timed-out thread, completing a stage, dispatching a delayed retry
 * to an executor. Actions run on the timer's own thread and must not block.
 */
public interface Timer {

    /**
     * Runs {@code action} once, {@code delayNanos} from now.
     *
     * @return a handle that cancels the action if it has not started
     * @throws java.util.concurrent.RejectedExecutionException when the timer has been shut down
     */
    Task schedule(long delayNanos, Runnable action);

    /** A scheduled action. */
    interface Task {

        /** Prevents the action from running if it has not started; does nothing otherwise. */
        void cancel();
    }
}
