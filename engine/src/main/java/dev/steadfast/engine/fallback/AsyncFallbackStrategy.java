package dev.steadfast.engine.fallback;

import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.FailureRule;
import dev.steadfast.engine.Failures;
import dev.steadfast.engine.ForwardingStage;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;

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
 */
public final class AsyncFallbackStrategy<V> implements Strategy<CompletionStage<V>> {

    private final Strategy<CompletionStage<V>> next;
    private final String method;
    private final FallbackPolicy policy;
    private final FallbackFunction<CompletionStage<V>>[] chain;
    private final EngineListener listener;
    private final FailureRule failures;

    public AsyncFallbackStrategy(Strategy<CompletionStage<V>> next, String method, FallbackPolicy policy,
            EngineListener listener) {
        this(next, method, policy, listener, FailureRule.STEADFAST);
    }

    /** @param failures which failures a fallback may answer for at all */
    @SuppressWarnings("unchecked")
    public AsyncFallbackStrategy(Strategy<CompletionStage<V>> next, String method, FallbackPolicy policy,
            EngineListener listener, FailureRule failures) {
        this.failures = Objects.requireNonNull(failures, "failures");
        this.next = Objects.requireNonNull(next, "next");
        this.method = Objects.requireNonNull(method, "method");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.chain = policy.chain().toArray(new FallbackFunction[0]);
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public CompletionStage<V> call(Invocation<CompletionStage<V>> invocation) {
        ForwardingStage<V> result = new ForwardingStage<>();
        CompletionStage<V> inner;
        try {
            inner = next.call(invocation);
        } catch (Throwable t) {
            failed(invocation, result, t, Thread.currentThread().isInterrupted());
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
                failed(invocation, result, Failures.unwrap(error), result.isCancelled());
            }
        });
        return result;
    }

    private void failed(Invocation<CompletionStage<V>> invocation, CompletableFuture<V> result, Throwable failure,
            boolean callerStopped) {
        if (!failures.mayFallBack(failure, callerStopped) || !policy.appliesTo(failure)) {
            result.completeExceptionally(failure);
            return;
        }
        new Attempt(invocation, result, failure).tryFrom(0, null, null);
    }

    /** Walks the chain for one failed call. */
    private final class Attempt {

        final Invocation<CompletionStage<V>> invocation;
        final CompletableFuture<V> result;
        final Throwable failure;

        Attempt(Invocation<CompletionStage<V>> invocation, CompletableFuture<V> result, Throwable failure) {
            this.invocation = invocation;
            this.result = result;
            this.failure = failure;
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
                listener.fallbackApplied(method, failure);
                result.complete(null);
                return;
            }
            if (result instanceof ForwardingStage<V> forwarding) {
                forwarding.follow(stage); // a caller's cancel reaches the fallback in flight
            }
            stage.whenComplete((value, error) -> {
                if (error == null) {
                    listener.fallbackApplied(method, failure);
                    result.complete(value);
                } else {
                    failedAt(index, Failures.unwrap(error), last, earlier);
                }
            });
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
