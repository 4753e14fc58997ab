package dev.steadfast.engine.timeout;

import dev.steadfast.TimeoutExceededException;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.Failures;
import dev.steadfast.engine.ForwardingStage;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.time.Timer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A timeout on a {@code CompletionStage}: the returned stage completes exceptionally with
 * {@link TimeoutExceededException} at the deadline unless the inner stage completed first, whichever completes the
 * returned future first wins. At the deadline the inner future is cancelled (which interrupts an asynchronous body
 * that supports it). No thread waits.
 */
public final class AsyncTimeoutStrategy<V> implements Strategy<CompletionStage<V>> {

    private final Strategy<CompletionStage<V>> next;
    private final String method;
    private final long timeoutNanos;
    private final Duration timeout;
    private final Timer timer;
    private final EngineListener listener;

    public AsyncTimeoutStrategy(Strategy<CompletionStage<V>> next, String method, TimeoutPolicy policy, Timer timer,
            EngineListener listener) {
        this.next = Objects.requireNonNull(next, "next");
        this.method = Objects.requireNonNull(method, "method");
        this.timeoutNanos = policy.timeoutNanos();
        this.timeout = Duration.ofNanos(timeoutNanos);
        this.timer = Objects.requireNonNull(timer, "timer");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public CompletionStage<V> call(Invocation<CompletionStage<V>> invocation) {
        ForwardingStage<V> result = new ForwardingStage<>();
        CompletionStage<V> inner;
        try {
            inner = next.call(invocation);
        } catch (Throwable t) {
            result.completeExceptionally(t);
            return result;
        }
        if (inner == null) {
            result.complete(null);
            return result;
        }
        result.follow(inner);
        Timer.Task task = timer.schedule(timeoutNanos, () -> {
            if (result.completeExceptionally(new TimeoutExceededException(method, timeout))) {
                listener.timedOut(method, timeout);
                ForwardingStage.cancel(inner);
            }
        });
        inner.whenComplete((value, error) -> {
            task.cancel();
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(Failures.unwrap(error));
            }
        });
        return result;
    }
}
