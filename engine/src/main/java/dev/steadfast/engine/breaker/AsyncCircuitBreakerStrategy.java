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
 * A circuit breaker around a call that returns a {@code CompletionStage}. The call's outcome is the stage's
 * completion, measured from the call to the completion: it is reported to the {@link Breaker} before the returned
 * stage completes, so whoever sees the completion also sees its effect on the breaker. A rejected call never reaches
 * the next strategy and this method does not throw: the listener hears {@code callRejected(method, CIRCUIT_OPEN)} and
 * the caller gets a stage failed with {@link dev.steadfast.CircuitOpenException}. A failure thrown by the next strategy
 * instead of returning a stage counts like a failed stage; a {@code null} stage counts as a success with a
 * {@code null} value. Failures reach the caller without the JDK's {@code CompletionException} wrapper. Cancelling the
 * returned stage cancels the inner one (an asynchronous body is interrupted); the breaker does not count that call,
 * nor any other failure the {@link FailureRule} leaves out. Thread-safe, one instance per guarded method.
 */
public final class AsyncCircuitBreakerStrategy<V> implements Strategy<CompletionStage<V>> {

    private final Strategy<CompletionStage<V>> next;
    private final String method;
    private final Breaker breaker;
    private final Clock clock;
    private final EngineListener listener;
    private final FailureRule failures;

    /**
     * @param next     the strategy inside this one
     * @param method   the guarded method as messages name it, for {@code callRejected}
     * @param breaker  the breaker's shared state
     * @param clock    measures each call up to its stage's completion, for the slow-call threshold
     * @param listener hears rejections
     */
    public AsyncCircuitBreakerStrategy(Strategy<CompletionStage<V>> next, String method, Breaker breaker, Clock clock,
            EngineListener listener) {
        this(next, method, breaker, clock, listener, FailureRule.STEADFAST);
    }

    /** @param failures which failures the breaker records at all */
    public AsyncCircuitBreakerStrategy(Strategy<CompletionStage<V>> next, String method, Breaker breaker, Clock clock,
            EngineListener listener, FailureRule failures) {
        this.failures = Objects.requireNonNull(failures, "failures");
        this.next = Objects.requireNonNull(next, "next");
        this.method = Objects.requireNonNull(method, "method");
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public CompletionStage<V> call(Invocation<CompletionStage<V>> invocation) {
        long permit = breaker.tryAcquire();
        if (!Breaker.admitted(permit)) {
            CompletableFuture<V> rejected = CompletableFuture.failedFuture(breaker.rejection(permit));
            listener.callRejected(method, CallRejected.Reason.CIRCUIT_OPEN);
            return rejected;
        }
        long start = clock.nanoTime();
        CompletionStage<V> inner;
        try {
            inner = next.call(invocation);
        } catch (Throwable failure) {
            record(permit, failure, Thread.currentThread().isInterrupted(), clock.nanoTime() - start);
            return CompletableFuture.failedFuture(failure);
        }
        if (inner == null) {
            breaker.onSuccess(permit, clock.nanoTime() - start);
            return CompletableFuture.completedFuture(null);
        }
        ForwardingStage<V> result = new ForwardingStage<>();
        result.follow(inner);
        inner.whenComplete((value, error) -> {
            long took = clock.nanoTime() - start;
            if (error == null) {
                try {
                    breaker.onSuccess(permit, took);
                } finally {
                    result.complete(value);
                }
            } else {
                Throwable failure = Failures.unwrap(error);
                try {
                    // A caller's cancel cancels `result` first, then the inner stage (ForwardingStage.cancel), so
                    // by the time the inner stage reports, isCancelled() already tells the caller's cancel apart.
                    record(permit, failure, result.isCancelled(), took);
                } finally {
                    result.completeExceptionally(failure);
                }
            }
        });
        return result;
    }

    private void record(long permit, Throwable failure, boolean callerStopped, long durationNanos) {
        if (failures.counts(failure, callerStopped)) {
            breaker.onFailure(permit, failure, durationNanos);
        } else {
            breaker.release(permit);
        }
    }
}
