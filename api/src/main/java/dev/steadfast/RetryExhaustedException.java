package dev.steadfast;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown by {@link Retry} when the retry budget (count or duration) is spent on retryable failures.
 *
 * <p>{@link #getCause()} is the last failure, or {@code null} when the last attempt returned a result that
 * {@link Retry#retryOnResult()} rejected ({@link #getLastResult()} then holds it). Up to eight earlier failures, the
 * most recent ones, are attached as {@linkplain #getSuppressed() suppressed} exceptions.
 *
 * <p>When a {@link RetryBudget} refused the next retry, {@link #getRetryBudget()} names the budget: the call ended
 * because retries were rationed, not because its own count or duration ran out.
 */
public class RetryExhaustedException extends FaultToleranceException {

    private static final long serialVersionUID = 1L;

    private final int attempts;
    private final Duration elapsed;
    private final transient Object lastResult;
    private final boolean hasLastResult;
    private final String retryBudget;

    /**
     * @param message    what happened, naming the method and the numbers
     * @param cause      the last failure, or {@code null} when the last attempt was a rejected result
     * @param attempts   total attempts, the first included
     * @param elapsed    time from the first attempt to giving up
     * @param lastResult the last rejected result, or {@code null} when the last attempt failed
     */
    public RetryExhaustedException(String message, Throwable cause, int attempts, Duration elapsed, Object lastResult) {
        this(message, cause, attempts, elapsed, lastResult, null);
    }

    /**
     * @param message     what happened, naming the method and the numbers
     * @param cause       the last failure, or {@code null} when the last attempt was a rejected result
     * @param attempts    total attempts, the first included
     * @param elapsed     time from the first attempt to giving up
     * @param lastResult  the last rejected result, or {@code null} when the last attempt failed
     * @param retryBudget the registry name of the retry budget that refused the next retry, or {@code null} when the
     *                    retry's own count or duration ended it
     */
    public RetryExhaustedException(String message, Throwable cause, int attempts, Duration elapsed, Object lastResult,
            String retryBudget) {
        super(message, cause);
        this.attempts = attempts;
        this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
        this.lastResult = lastResult;
        this.hasLastResult = cause == null;
        this.retryBudget = retryBudget;
    }

    /**
     * The retry budget that refused the next retry and so ended the call; empty when the count ({@code maxRetries}) or
     * the duration ({@code maxDuration}) ended it.
     */
    public Optional<String> getRetryBudget() {
        return Optional.ofNullable(retryBudget);
    }

    /** Whether a {@link RetryBudget}, not the retry's own limits, ended the call. */
    public boolean isBudgetExhausted() {
        return retryBudget != null;
    }

    /** Total attempts made, the first included. */
    public int getAttempts() {
        return attempts;
    }

    /** Time from the start of the first attempt to giving up. */
    public Duration getElapsed() {
        return elapsed;
    }

    /** The result of the last attempt when {@link Retry#retryOnResult()} rejected it; empty when it failed. */
    public Optional<Object> getLastResult() {
        return hasLastResult ? Optional.ofNullable(lastResult) : Optional.empty();
    }
}
