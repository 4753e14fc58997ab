package dev.steadfast.engine.bulkhead;

/**
 * What a bulkhead allows, resolved and validated.
 *
 * @param maxConcurrent    executions running at once ({@code @Bulkhead.value}), at least 1
 * @param waitingTaskQueue asynchronous executions that may wait for a permit, at least 0; synchronous calls ignore it
 * @param maxWaitNanos     how long a synchronous caller may wait for a permit, at least 0; {@code 0} rejects at once.
 *                         Asynchronous calls ignore it: they wait in the queue for as long as it takes
 */
public record BulkheadPolicy(int maxConcurrent, int waitingTaskQueue, long maxWaitNanos) {

    public BulkheadPolicy {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1: " + maxConcurrent);
        }
        if (waitingTaskQueue < 0) {
            throw new IllegalArgumentException("waitingTaskQueue must not be negative: " + waitingTaskQueue);
        }
        if (maxWaitNanos < 0) {
            throw new IllegalArgumentException("maxWait must not be negative: " + maxWaitNanos + " ns");
        }
    }
}
