package dev.steadfast.engine.breaker;

import dev.steadfast.CallRejected;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.FailureRule;
import dev.steadfast.engine.Failures;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.time.Clock;

import java.util.Objects;

/**
 * A circuit breaker around a synchronous call. An admitted call runs on the caller's thread and its outcome (what it
 * returned or threw, and how long it took by the {@link Clock}) is reported to the {@link Breaker} before the caller
 * sees it. A rejected call never reaches the next strategy: the listener hears {@code callRejected(method,
 * CIRCUIT_OPEN)} and the caller gets {@link CircuitOpenException}. The call's own failure propagates unwrapped; one
 * that the {@link FailureRule} does not count (a {@code VirtualMachineError}, the caller's interrupt, Steadfast's own
 * rejection from below) is not recorded at all.
 * Allocation-free while the breaker is CLOSED; thread-safe, one instance per guarded method (several may share one
 * {@link Breaker}).
 */
public final class CircuitBreakerStrategy<V> implements Strategy<V> {

    private final Strategy<V> next;
    private final String method;
    private final Breaker breaker;
    private final Clock clock;
    private final EngineListener listener;
    private final FailureRule failures;
    /** Only a slow-call threshold needs the call's duration; without one the clock is never read. */
    private final boolean timesCalls;

    /**
     * @param next     the strategy inside this one
     * @param method   the guarded method as messages name it, for {@code callRejected}
     * @param breaker  the breaker's shared state
     * @param clock    measures each call, for the slow-call threshold
     * @param listener hears rejections
     */
    public CircuitBreakerStrategy(Strategy<V> next, String method, Breaker breaker, Clock clock,
            EngineListener listener) {
        this(next, method, breaker, clock, listener, FailureRule.STEADFAST);
    }

    /** @param failures which failures the breaker records at all */
    public CircuitBreakerStrategy(Strategy<V> next, String method, Breaker breaker, Clock clock,
            EngineListener listener, FailureRule failures) {
        this.failures = Objects.requireNonNull(failures, "failures");
        this.next = Objects.requireNonNull(next, "next");
        this.method = Objects.requireNonNull(method, "method");
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.timesCalls = breaker.policy().slowCallThresholdNanos() > 0;
    }

    @Override
    public V call(Invocation<V> invocation) throws Exception {
        long permit = breaker.tryAcquire();
        if (!Breaker.admitted(permit)) {
            CircuitOpenException rejection = breaker.rejection(permit);
            listener.callRejected(method, CallRejected.Reason.CIRCUIT_OPEN);
            throw rejection;
        }
        long start = timesCalls ? clock.nanoTime() : 0;
        V result;
        try {
            result = next.call(invocation);
        } catch (Throwable failure) {
            if (failures.counts(failure, Thread.currentThread().isInterrupted())) {
                breaker.onFailure(permit, failure, timesCalls ? clock.nanoTime() - start : 0);
            } else {
                breaker.release(permit);
            }
            throw Failures.sneakyThrow(failure);
        }
        breaker.onSuccess(permit, timesCalls ? clock.nanoTime() - start : 0);
        return result;
    }
}
