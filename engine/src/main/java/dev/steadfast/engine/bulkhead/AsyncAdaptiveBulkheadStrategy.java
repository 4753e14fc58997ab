package dev.steadfast.engine.bulkhead;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.CallRejected;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.Failures;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Settles;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.time.Clock;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An adaptive bulkhead for calls that return a {@code CompletionStage}: a call runs from the moment the inner strategy
 * is invoked until its stage completes (for the {@code @Asynchronous} offload, until the body has left its thread), and
 * at most {@link AdaptiveLimit#limit()} run at once. Beyond it the returned stage fails with
 * {@link BulkheadFullException} (nothing is thrown, nothing queues) and {@link CallRejected.Reason#BULKHEAD_FULL} is
 * announced. The returned stage is the inner one: cancelling it cancels the call. Thread-safe.
 */
public final class AsyncAdaptiveBulkheadStrategy<V> implements Strategy<CompletionStage<V>> {

    private final Strategy<CompletionStage<V>> next;
    private final String method;
    private final AdaptiveLimit limit;
    private final Clock clock;
    private final EngineListener listener;

    public AsyncAdaptiveBulkheadStrategy(Strategy<CompletionStage<V>> next, String method, AdaptiveLimitPolicy policy,
            Clock clock, EngineListener listener) {
        this.next = Objects.requireNonNull(next, "next");
        this.method = Objects.requireNonNull(method, "method");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limit = new AdaptiveLimit(policy, clock);
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public CompletionStage<V> call(Invocation<CompletionStage<V>> invocation) {
        int inflight = limit.tryAcquire();
        if (inflight < 0) {
            int now = limit.limit();
            listener.callRejected(method, CallRejected.Reason.BULKHEAD_FULL);
            return CompletableFuture.failedFuture(new BulkheadFullException(method, now, 0));
        }
        long start = clock.nanoTime();
        CompletionStage<V> stage;
        try {
            stage = next.call(invocation);
        } catch (Throwable failure) {
            limit.release(start, inflight, AdaptiveLimit.isDrop(failure));
            return CompletableFuture.failedFuture(failure);
        }
        if (stage == null) {
            limit.release(start, inflight, false);
            return CompletableFuture.completedFuture(null);
        }
        if (stage instanceof Settles s) {
            // The work ends when the body has left its thread; the outcome is the stage's.
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            stage.whenComplete((v, e) -> outcome.complete(e));
            s.settled().whenComplete((ended, e) -> outcome.thenAccept(failure -> limit.release(start, inflight,
                    failure != null && AdaptiveLimit.isDrop(Failures.unwrap(failure)))));
        } else {
            stage.whenComplete((v, e) -> limit.release(start, inflight,
                    e != null && AdaptiveLimit.isDrop(Failures.unwrap(e))));
        }
        return stage;
    }

    /** The limit and its measurements. */
    public AdaptiveLimit limit() {
        return limit;
    }
}
