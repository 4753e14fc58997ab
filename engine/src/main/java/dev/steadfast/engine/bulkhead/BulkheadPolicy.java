package dev.steadfast.engine.bulkhead;

import dev.steadfast.engine.Violation;

import java.util.ArrayList;
import java.util.List;

/**
 * What a bulkhead allows, resolved and validated; {@link #violations} is the one check of its values.
 *
 * <p>{@code equals}, {@code hashCode} and {@code toString} are written out: a record's generated ones go through a
 * JDK cache that kept the last compared classes, and with them an undeployed application's class loader, reachable.
 *
 * <p>The constructor throws {@link IllegalArgumentException} naming every violation, when there is one.
 *
 * @param maxConcurrent    executions running at once ({@code @Bulkhead.value}), at least 1
 * @param waitingTaskQueue asynchronous executions that may wait for a permit, at least 0; synchronous calls ignore it
 * @param maxWaitNanos     how long a synchronous caller may wait for a permit, at least 0; {@code 0} rejects at once.
 *                         Asynchronous calls ignore it: they wait in the queue for as long as it takes
 */
public record BulkheadPolicy(int maxConcurrent, int waitingTaskQueue, long maxWaitNanos) {

    public BulkheadPolicy {
        Violation.requireNone("BulkheadPolicy", violations(maxConcurrent, waitingTaskQueue, maxWaitNanos));
    }

    /** Every rule these values break; members are named as {@code @Bulkhead} names them. */
    public static List<Violation> violations(int maxConcurrent, int waitingTaskQueue, long maxWaitNanos) {
        List<Violation> found = new ArrayList<>();
        if (maxConcurrent < 1) {
            found.add(Violation.below("value", maxConcurrent, 1, "a bulkhead must admit at least one call"));
        }
        if (waitingTaskQueue < 0) {
            found.add(Violation.of("waitingTaskQueue", waitingTaskQueue, "is negative; use 0 for no queue"));
        }
        if (maxWaitNanos < 0) {
            found.add(Violation.negative("maxWait", maxWaitNanos));
        }
        return found;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BulkheadPolicy p && maxConcurrent == p.maxConcurrent
                && waitingTaskQueue == p.waitingTaskQueue && maxWaitNanos == p.maxWaitNanos;
    }

    @Override
    public int hashCode() {
        return (31 * maxConcurrent + waitingTaskQueue) * 31 + Long.hashCode(maxWaitNanos);
    }

    @Override
    public String toString() {
        return "BulkheadPolicy[maxConcurrent=" + maxConcurrent + ", waitingTaskQueue=" + waitingTaskQueue
                + ", maxWait=" + Violation.show(Violation.time(maxWaitNanos)) + "]";
    }
}
