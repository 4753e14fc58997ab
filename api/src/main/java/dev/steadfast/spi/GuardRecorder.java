package dev.steadfast.spi;

import dev.steadfast.CallRejected;
import dev.steadfast.FallbackApplied;
import dev.steadfast.RetryExhaustedException;

import java.time.Duration;

/**
 * Hears the calls of one guarded operation; returned by {@link GuardObserver#observeOperation}. {@link #completed}
 * is called once per call, on the happy path too; the other methods only on failure paths, while the call is under
 * way (a retry scheduled, a timeout, a rejection), and before that call's {@link #completed}.
 *
 * <p>Called from the threads that run the calls, concurrently: implementations must be thread-safe and fast, and
 * must not block. One that throws is logged and skipped.
 */
public interface GuardRecorder {

    /**
     * One call ended: for a synchronous operation when it returns or throws, for one returning a
     * {@code CompletionStage} when the stage the caller got completes (before the caller's own callbacks run).
     *
     * @param outcome       how it ended
     * @param durationNanos from entering the guard to the end, all attempts, delays and fallbacks included
     */
    void completed(CallOutcome outcome, long durationNanos);

    /** Attempt {@code attempt} (1 = the first) failed or its result was rejected; a retry follows after {@code delay}. */
    default void retryScheduled(int attempt, Throwable failure, Duration delay) {
    }

    /** The retry budget (count or duration) is spent; the call fails with {@code exception} unless a fallback answers. */
    default void retriesExhausted(RetryExhaustedException exception) {
    }

    /** One attempt exceeded its timeout. */
    default void timedOut(Duration timeout) {
    }

    /**
     * The retry budget {@code budget} refused the retry after attempt {@code attempt} failed; the call ends as exhausted
     * ({@link #retriesExhausted} follows) unless a fallback answers. The default does nothing.
     */
    default void retryRefused(int attempt, String budget) {
    }

    /**
     * A fallback answered after {@code failure}. The older, shorter form of {@link #fallbackApplied(FallbackApplied)},
     * whose default calls it; implement one or the other.
     */
    default void fallbackApplied(Throwable failure) {
    }

    /**
     * A fallback answered: the call ends with a degraded answer ({@link CallOutcome#FALLBACK}). {@code event} says
     * which fallback of the chain answered, after which failure, and how long the guarded part took. The default
     * calls {@link #fallbackApplied(Throwable)} with the failure.
     */
    default void fallbackApplied(FallbackApplied event) {
        fallbackApplied(event.failure());
    }

    /** One attempt was rejected without running, for {@code reason}. */
    default void rejected(CallRejected.Reason reason) {
    }
}
