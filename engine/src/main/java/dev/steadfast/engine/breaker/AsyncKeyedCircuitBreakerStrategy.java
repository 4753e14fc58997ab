package dev.steadfast.engine.breaker;

import dev.steadfast.CallRejected;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.FailureRule;
import dev.steadfast.engine.Failures;
import dev.steadfast.engine.ForwardingStage;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.time.Clock;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A keyed circuit breaker around a call that returns a {@code CompletionStage}: as
 * {@link AsyncCircuitBreakerStrategy}, with the breaker of the call's key. A rejected call returns a stage failed with
 * {@link dev.steadfast.KeyedCircuitOpenException}; nothing is thrown. Thread-safe.
 */
public final class AsyncKeyedCircuitBreakerStrategy<V> implements Strategy<CompletionStage<V>> {

    private final Strategy<CompletionStage<V>> next;
    private final String method;
    private final BreakerFamily family;
    private final BreakerKeySelector selector;
    private final Clock clock;
    private final EngineListener listener;
    private final FailureRule failures;

    public AsyncKeyedCircuitBreakerStrategy(Strategy<CompletionStage<V>> next, String method, BreakerFamily family,
            BreakerKeySelector selector, Clock clock, EngineListener listener) {
        this(next, method, family, selector, clock, listener, FailureRule.STEADFAST);
    }

    /** @param failures which failures the breaker judges at all */
    public AsyncKeyedCircuitBreakerStrategy(Strategy<CompletionStage<V>> next, String method, BreakerFamily family,
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
    public CompletionStage<V> call(Invocation<CompletionStage<V>> invocation) {
        Object key;
        try {
            key = selector.keyOf(invocation);
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
        long start = clock.nanoTime();
        BreakerFamily.KeyBreaker b;
        long permit;
        do {
            b = family.lookup(key, start);
            permit = family.tryAcquire(b, start);
        } while (permit == BreakerFamily.EVICTED_PERMIT);
        if (!BreakerFamily.admitted(permit)) {
            CompletableFuture<V> rejected = CompletableFuture.failedFuture(family.rejection(b, permit, start));
            listener.callRejected(method, CallRejected.Reason.CIRCUIT_OPEN);
            return rejected;
        }
        BreakerFamily.KeyBreaker held = b;
        long admitted = permit;
        CompletionStage<V> inner;
        try {
            inner = next.call(invocation);
        } catch (Throwable failure) {
            record(held, admitted, failure, Thread.currentThread().isInterrupted(), clock.nanoTime() - start);
            return CompletableFuture.failedFuture(failure);
        }
        if (inner == null) {
            family.onSuccess(held, admitted, clock.nanoTime() - start);
            return CompletableFuture.completedFuture(null);
        }
        ForwardingStage<V> result = new ForwardingStage<>();
        result.follow(inner);
        inner.whenComplete((value, error) -> {
            long took = clock.nanoTime() - start;
            if (error == null) {
                try {
                    family.onSuccess(held, admitted, took);
                } finally {
                    result.complete(value);
                }
            } else {
                Throwable failure = Failures.unwrap(error);
                try {
                    // As in AsyncCircuitBreakerStrategy: a caller's cancel has cancelled `result` by now.
                    record(held, admitted, failure, result.isCancelled(), took);
                } finally {
                    result.completeExceptionally(failure);
                }
            }
        });
        return result;
    }

    private void record(BreakerFamily.KeyBreaker b, long permit, Throwable failure, boolean callerStopped,
            long durationNanos) {
        if (failures.counts(failure, callerStopped)) {
            family.onFailure(b, permit, failure, durationNanos);
        } else {
            family.release(b, permit);
        }
    }
}
