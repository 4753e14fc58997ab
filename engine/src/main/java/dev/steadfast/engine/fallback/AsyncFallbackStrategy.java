package dev.steadfast.engine.fallback;

import dev.steadfast.FallbackApplied;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.FailureRule;
import dev.steadfast.engine.Failures;
import dev.steadfast.engine.ForwardingStage;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.time.Clock;
import dev.steadfast.engine.time.SystemClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Answers for a failed {@code CompletionStage}: when the stage fails (or the call throws), each fallback of the chain
 * is tried in order, each returning a stage, until one completes normally; if all fail, the returned stage fails with
 * the last failure and the earlier ones suppressed. A failure the {@link FailureRule} keeps from fallbacks (a
 * {@code VirtualMachineError}, the caller's cancellation of the returned stage) is passed on untouched, and no fallback
 * runs.
 *
 * <p>A fallback whose stage completes normally is announced as a {@link FallbackApplied} (to the listener and to the
 * call's invocation) before the returned stage completes with its value, {@linkplain FallbackPolicy#answer flagged} as
 * degraded when the policy says so. Timing as for {@link FallbackStrategy}.
 */
public final class AsyncFallbackStrategy<V> implements Strategy<CompletionStage<V>> {

    private final Strategy<CompletionStage<V>> next;
    private final String method;
    private final FallbackPolicy policy;
    private final FallbackFunction<CompletionStage<V>>[] chain;
    private final EngineListener listener;
    private final FailureRule failures;
    private final Clock clock;
    private final boolean timed;

    public AsyncFallbackStrategy(Strategy<CompletionStage<V>> next, String method, FallbackPolicy policy,
            EngineListener listener) {
        this(next, method, policy, listener, FailureRule.STEADFAST);
    }

    /** @param failures which failures a fallback may answer for at all */
    public AsyncFallbackStrategy(Strategy<CompletionStage<V>> next, String method, FallbackPolicy policy,
            EngineListener listener, FailureRule failures) {
        this(next, method, policy, listener, failures, SystemClock.INSTANCE, false);
    }

    /**
     * @param failures which failures a fallback may answer for at all
     * @param clock    measures how long the guarded part took
     * @param timed    read the clock when every call starts; otherwise only on the failure path
     */
    @SuppressWarnings("unchecked")
    public AsyncFallbackStrategy(Strategy<CompletionStage<V>> next, String method, FallbackPolicy policy,
            EngineListener listener, FailureRule failures, Clock clock, boolean timed) {
        this.failures = Objects.requireNonNull(failures, "failures");
        this.next = Objects.requireNonNull(next, "next");
        this.method = Objects.requireNonNull(method, "method");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.chain = policy.chain().toArray(new FallbackFunction[0]);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timed = timed;
    }

    @Override
    public CompletionStage<V> call(Invocation<CompletionStage<V>> invocation) {
        long start = timed ? clock.nanoTime() : Invocation.UNTIMED;
        ForwardingStage<V> result = new ForwardingStage<>();
        CompletionStage<V> inner;
        try {
            inner = next.call(invocation);
        } catch (Throwable t) {
            failed(invocation, result, t, Thread.currentThread().isInterrupted(), start);
            return result;
        }
        if (inner == null) {
            result.complete(null);
            return result;
        }
        result.follow(inner);
        inner.whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else {
                // A caller's cancel cancels `result` before the inner stage (ForwardingStage.cancel): seen here.
                failed(invocation, result, Failures.unwrap(error), result.isCancelled(), start);
            }
        });
        return result;
    }

    private void failed(Invocation<CompletionStage<V>> invocation, CompletableFuture<V> result, Throwable failure,
            boolean callerStopped, long start) {
        if (!failures.mayFallBack(failure, callerStopped) || !policy.appliesTo(failure)) {
            result.completeExceptionally(failure);
            return;
        }
        new Attempt(invocation, result, failure, Elapsed.since(start, invocation, clock)).tryFrom(0, null, null);
    }

    /** Walks the chain for one failed call. */
    private final class Attempt {

        final Invocation<CompletionStage<V>> invocation;
        final CompletableFuture<V> result;
        final Throwable failure;
        final Duration elapsed;

        Attempt(Invocation<CompletionStage<V>> invocation, CompletableFuture<V> result, Throwable failure,
                Duration elapsed) {
            this.invocation = invocation;
            this.result = result;
            this.failure = failure;
            this.elapsed = elapsed;
        }

        void tryFrom(int index, Throwable last, List<Throwable> earlier) {
            if (index == chain.length) {
                result.completeExceptionally(Chain.suppressing(last, earlier));
                return;
            }
            CompletionStage<V> stage;
            try {
                stage = chain[index].apply(invocation, failure);
            } catch (Throwable t) {
                failedAt(index, t, last, earlier);
                return;
            }
            if (stage == null) {
                answered(index, null);
                return;
            }
            if (result instanceof ForwardingStage<V> forwarding) {
                forwarding.follow(stage); // a caller's cancel reaches the fallback in flight
            }
            stage.whenComplete((value, error) -> {
                if (error == null) {
                    answered(index, value);
                } else {
                    failedAt(index, Failures.unwrap(error), last, earlier);
                }
            });
        }

        /** Announces the answer, then completes the caller's stage with it: whoever waits sees the event first. */
        @SuppressWarnings("unchecked")
        private void answered(int index, V value) {
            FallbackApplied event = new FallbackApplied(method, failure, policy.names().get(index), index + 1,
                    elapsed);
            listener.fallbackApplied(event);
            invocation.fallbackApplied(event);
            result.complete((V) policy.answer(value, event));
        }

        private void failedAt(int index, Throwable t, Throwable last, List<Throwable> earlier) {
            List<Throwable> e = earlier;
            if (last != null) {
                e = e != null ? e : new ArrayList<>(chain.length);
                e.add(last);
            }
            tryFrom(index + 1, t, e);
        }
    }
}
