package dev.steadfast.engine.breaker;

import dev.steadfast.CallRejected;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.FailureRule;
import dev.steadfast.engine.Failures;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.time.Clock;

import java.util.Objects;

/**
 * A keyed circuit breaker around a synchronous call: the {@link BreakerKeySelector} picks the call's key, and that
 * key's breaker in the {@link BreakerFamily} admits or rejects it, as {@link CircuitBreakerStrategy} does for one
 * breaker. A rejected call throws {@link dev.steadfast.KeyedCircuitOpenException} and announces
 * {@code callRejected(method, CIRCUIT_OPEN)}. Allocation-free while the key's breaker is CLOSED and the key is held.
 * Thread-safe.
 */
public final class KeyedCircuitBreakerStrategy<V> implements Strategy<V> {

    private final Strategy<V> next;
    private final String method;
    private final BreakerFamily family;
    private final BreakerKeySelector selector;
    private final Clock clock;
    private final EngineListener listener;
    private final FailureRule failures;

    public KeyedCircuitBreakerStrategy(Strategy<V> next, String method, BreakerFamily family,
            BreakerKeySelector selector, Clock clock, EngineListener listener) {
        this(next, method, family, selector, clock, listener, FailureRule.STEADFAST);
    }

    /** @param failures which failures the breaker judges at all */
    public KeyedCircuitBreakerStrategy(Strategy<V> next, String method, BreakerFamily family,
            BreakerKeySelector selector, Clock clock, EngineListener listener, FailureRule failures) {
        this.failures = Objects.requireNonNull(failures, "failures");
        this.next = Objects.requireNonNull(next, "next");
        this.method = Objects.requireNonNull(method, "method");
        this.family = Objects.requireNonNull(family, "family");
        this.selector = Objects.requireNonNull(selector, "selector");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public V call(Invocation<V> invocation) throws Exception {
        Object key = selector.keyOf(invocation);
        long start = clock.nanoTime();
        BreakerFamily.KeyBreaker b;
        long permit;
        do {
            b = family.lookup(key, start);
            permit = family.tryAcquire(b, start);
        } while (permit == BreakerFamily.EVICTED_PERMIT);
        if (!BreakerFamily.admitted(permit)) {
            RuntimeException rejection = family.rejection(b, permit, start);
            listener.callRejected(method, CallRejected.Reason.CIRCUIT_OPEN);
            throw rejection;
        }
        V result;
        try {
            result = next.call(invocation);
        } catch (Throwable failure) {
            if (failures.counts(failure, Thread.currentThread().isInterrupted())) {
                family.onFailure(b, permit, failure, clock.nanoTime() - start);
            } else {
                family.release(b, permit);
            }
            throw Failures.sneakyThrow(failure);
        }
        family.onSuccess(b, permit, clock.nanoTime() - start);
        return result;
    }
}
