package dev.steadfast;

import java.util.Objects;

/**
 * Thrown instead of starting an asynchronous call when Steadfast's own executor (the pool it uses on Java 17 to 20,
 * when the application provides no executor and the container has no {@code ManagedExecutorService}) has every
 * thread busy and its queue full. The executor serves every method, so it is a bulkhead for the whole application:
 * this is a {@link BulkheadFullException} whose {@link #getMethod()} names the executor, not a method,
 * {@link #getMaxConcurrentCalls()} is the executor's thread count and {@link #getWaitingTaskQueue()} its queue
 * capacity ({@code steadfast.executor.queue-size}). Carries no stack trace.
 */
public class ExecutorFullException extends BulkheadFullException {

    private static final long serialVersionUID = 1L;

    private final String executor;

    /**
     * @param executor      the executor, as its threads are named ({@code steadfast-async})
     * @param threads       its thread count
     * @param queueCapacity its queue capacity
     */
    public ExecutorFullException(String executor, int threads, int queueCapacity) {
        super(Objects.requireNonNull(executor, "executor"), threads, queueCapacity);
        this.executor = executor;
    }

    /** The executor that is full, as its threads are named. */
    public String getExecutor() {
        return executor;
    }

    /** Built on demand so that a rejection costs no string building. */
    @Override
    public String getMessage() {
        return "Steadfast's asynchronous executor '" + executor + "' is full: " + getMaxConcurrentCalls()
                + " threads busy and " + getWaitingTaskQueue()
                + " calls queued (steadfast.executor.queue-size); the call was not started";
    }
}
