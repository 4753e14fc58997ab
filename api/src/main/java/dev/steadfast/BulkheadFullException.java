package dev.steadfast;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown instead of invoking the method when its {@link Bulkhead} has no free permit and no room to wait. Carries no
 * stack trace: rejections are frequent and must stay cheap. {@link #retryAfter()} is empty: a permit frees up when a
 * running call ends, which nobody can predict.
 */
public class BulkheadFullException extends FaultToleranceException implements RetryAfterHint {

    private static final long serialVersionUID = 1L;

    private final String method;
    private final int maxConcurrentCalls;
    private final int waitingTaskQueue;

    /**
     * @param method             the guarded method, as {@code com.acme.Quotes#fetch(String)}
     * @param maxConcurrentCalls the bulkhead's {@code value}
     * @param waitingTaskQueue   the bulkhead's queue size (0 for synchronous calls)
     */
    public BulkheadFullException(String method, int maxConcurrentCalls, int waitingTaskQueue) {
        super(null, null, false, false);
        this.method = Objects.requireNonNull(method, "method");
        this.maxConcurrentCalls = maxConcurrentCalls;
        this.waitingTaskQueue = waitingTaskQueue;
    }

    /** The guarded method, as {@code com.acme.Quotes#fetch(String)}. */
    public String getMethod() {
        return method;
    }

    /** The bulkhead's limit on concurrent executions; for an {@link AdaptiveBulkhead}, its limit when it rejected the call. */
    public int getMaxConcurrentCalls() {
        return maxConcurrentCalls;
    }

    /** The bulkhead's limit on waiting executions. */
    public int getWaitingTaskQueue() {
        return waitingTaskQueue;
    }

    /** Always empty. */
    @Override
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    /** Built on demand so that a rejection costs no string building. */
    @Override
    public String getMessage() {
        return "Bulkhead of " + method + " is full: " + maxConcurrentCalls + " running, " + waitingTaskQueue
                + " waiting allowed";
    }
}
