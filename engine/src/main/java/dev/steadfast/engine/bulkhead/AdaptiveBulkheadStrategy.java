package dev.steadfast.engine.bulkhead;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.CallRejected;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.Failures;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.time.Clock;

import java.util.Objects;

/**
 * An adaptive bulkhead for synchronous calls: at most {@link AdaptiveLimit#limit()} bodies run at once; beyond it the
 * call is rejected at once with {@link BulkheadFullException} (carrying the limit at that moment) and
 * {@link CallRejected.Reason#BULKHEAD_FULL} is announced. Each call's latency, measured by the {@link Clock} from
 * admission to its end, moves the limit. Admission and release are a few atomic instructions and allocate nothing.
 * Thread-safe; one instance serves every call of its method.
 */
public final class AdaptiveBulkheadStrategy<V> implements Strategy<V> {

    private final Strategy<V> next;
    private final String method;
    private final AdaptiveLimit limit;
    private final Clock clock;
    private final EngineListener listener;

    public AdaptiveBulkheadStrategy(Strategy<V> next, String method, AdaptiveLimitPolicy policy, Clock clock,
            EngineListener listener) {
        this.next = Objects.requireNonNull(next, "next");
        this.method = Objects.requireNonNull(method, "method");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limit = new AdaptiveLimit(policy, clock);
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public V call(Invocation<V> invocation) throws Exception {
        int inflight = limit.tryAcquire();
        if (inflight < 0) {
            int now = limit.limit();
            listener.callRejected(method, CallRejected.Reason.BULKHEAD_FULL);
            throw new BulkheadFullException(method, now, 0);
        }
        long start = clock.nanoTime();
        boolean dropped = false;
        try {
            return next.call(invocation);
        } catch (Throwable failure) {
            dropped = AdaptiveLimit.isDrop(failure);
            throw Failures.sneakyThrow(failure);
        } finally {
            limit.release(start, inflight, dropped);
        }
    }

    /** The limit and its measurements. */
    public AdaptiveLimit limit() {
        return limit;
    }
}
