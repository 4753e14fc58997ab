package dev.steadfast.guard;

import dev.steadfast.engine.bulkhead.BulkheadPolicy;
import dev.steadfast.engine.time.Nanos;

import java.time.Duration;
import java.util.Objects;

/**
 * The bulkhead of a {@link Guard}, with {@link dev.steadfast.Bulkhead @Bulkhead}'s defaults and meaning: 10 calls at
 * once; for an {@link AsyncGuard}, 10 more queued; a synchronous caller is rejected at once when all are busy
 * ({@code maxWait} 0). Beyond that: {@link dev.steadfast.BulkheadFullException}.
 */
public final class BulkheadOptions {

    private int value = 10;
    private int waitingTaskQueue = 10;
    private Duration maxWait = Duration.ZERO;

    BulkheadOptions() {
    }

    /** Executions at once, at least 1. */
    public BulkheadOptions value(int value) {
        this.value = value;
        return this;
    }

    /** For an {@link AsyncGuard}: executions that may wait for a permit, 0 or more. */
    public BulkheadOptions waitingTaskQueue(int value) {
        this.waitingTaskQueue = value;
        return this;
    }

    /** For a {@link Guard}: how long a caller may wait for a permit; {@link Duration#ZERO} rejects at once. */
    public BulkheadOptions maxWait(Duration value) {
        this.maxWait = value;
        return this;
    }

    BulkheadPolicy toPolicy(Rules rules) {
        long maxWaitNanos = Nanos.of(Objects.requireNonNull(maxWait, "maxWait"));
        rules.check(BulkheadPolicy.violations(value, waitingTaskQueue, maxWaitNanos), member -> "bulkhead " + member);
        return new BulkheadPolicy(value, waitingTaskQueue, maxWaitNanos);
    }
}
