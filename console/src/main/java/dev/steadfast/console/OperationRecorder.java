package dev.steadfast.console;

import dev.steadfast.spi.CallOutcome;
import dev.steadfast.spi.GuardRecorder;
import dev.steadfast.spi.GuardedOperation;
import dev.steadfast.spi.ObservedBreaker;
import dev.steadfast.spi.ObservedBulkhead;
import dev.steadfast.spi.ObservedRateLimit;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The console's counters of one guarded method, kept on the call path: per call, one {@link LongAdder} increment for
 * its outcome and one atomic increment in the latency histogram, no lock, no allocation, no clock reading (the engine
 * measured the call). Everything else (rates, percentiles, the history) is computed from copies of these counters when
 * a snapshot is built, off the call path.
 */
final class OperationRecorder implements GuardRecorder {

    private static final CallOutcome[] OUTCOMES = CallOutcome.values();

    private final String method;
    private final Set<GuardedOperation.Policy> policies;
    private final String breaker;
    private final ObservedBulkhead bulkhead;
    private final ObservedRateLimit rateLimit;
    // LongAdders: calls of one method from many threads add to separate cells instead of contending for one word.
    private final LongAdder[] outcomes = new LongAdder[OUTCOMES.length];
    private final LongAdder retries = new LongAdder();
    private final LatencyHistogram latency = new LatencyHistogram();

    OperationRecorder(GuardedOperation operation) {
        this.method = operation.method();
        this.policies = Set.copyOf(operation.policies());
        this.breaker = operation.breaker().map(ObservedBreaker::name).orElse(null);
        this.bulkhead = operation.bulkhead().orElse(null);
        this.rateLimit = operation.rateLimit().orElse(null);
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = new LongAdder();
        }
    }

    @Override
    public void completed(CallOutcome outcome, long durationNanos) {
        outcomes[outcome.ordinal()].increment();
        latency.record(durationNanos);
    }

    @Override
    public void retryScheduled(int attempt, Throwable failure, Duration delay) {
        retries.increment();
    }

    String method() {
        return method;
    }

    /** A copy of the counters and the live views now; each counter is read once, at some moment of the copy. */
    ConsoleSource.OperationSample sample() {
        long[] counts = new long[outcomes.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = outcomes[i].sum();
        }
        long[] buckets = new long[LatencyHistogram.BUCKETS];
        latency.addTo(buckets);
        ConsoleSource.BulkheadSample b = bulkhead == null ? null
                : new ConsoleSource.BulkheadSample(bulkhead.maxConcurrent(), bulkhead.inUse(), bulkhead.queued());
        ConsoleSource.RateLimitSample r = rateLimit == null ? null
                : new ConsoleSource.RateLimitSample(rateLimit.limit(), rateLimit.window(), rateLimit.type(),
                        rateLimit.available());
        return new ConsoleSource.OperationSample(method, policies, breaker, counts, retries.sum(), buckets, b, r);
    }

    @Override
    public String toString() {
        return "Steadfast console counters of " + method;
    }
}
