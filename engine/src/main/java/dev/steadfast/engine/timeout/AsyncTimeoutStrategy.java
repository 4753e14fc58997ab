package dev.steadfast.engine.timeout;

import dev.steadfast.TimeoutExceededException;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.Failures;
import dev.steadfast.engine.ForwardingStage;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.time.Clock;
import dev.steadfast.engine.time.Timer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * A timeout on a {@code CompletionStage}: the returned stage completes exceptionally with
 * {@link TimeoutExceededException} at the deadline unless the inner stage completed first. At the deadline the inner
 * future is cancelled (which interrupts an asynchronous body that supports it). No thread waits.
 *
 * <p><b>Who decides, and where it runs.</b> The deadline (on the timer's thread) and the inner stage's completion
 * race for one flag; whichever sets it first decides the outcome, so a result that arrives after the deadline is
 * ignored even if the timeout's consequences have not run yet. The timer thread only sets the flag: cancelling the
 * inner stage and failing the returned one run callbacks (fallbacks, the caller's {@code thenApply}, a bulkhead
 * starting the next call), so that is {@linkplain Timer#handOff handed off} and never delays another timeout.
 */
public final class AsyncTimeoutStrategy<V> implements Strategy<CompletionStage<V>> {

    private final Strategy<CompletionStage<V>> next;
    private final String method;
    private final long timeoutNanos;
    private final Duration timeout;
    private final Clock clock;
    private final Timer timer;
    private final EngineListener listener;

    public AsyncTimeoutStrategy(Strategy<CompletionStage<V>> next, String method, TimeoutPolicy policy, Clock clock,
            Timer timer, EngineListener listener) {
        this.next = Objects.requireNonNull(next, "next");
        this.method = Objects.requireNonNull(method, "method");
        this.timeoutNanos = policy.timeoutNanos();
        this.timeout = Duration.ofNanos(timeoutNanos);
        this.clock = Objects.requireNonNull(clock, "clock");
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
        Deadline deadline = new Deadline(result, inner);
        timer.arm(deadline, clock.nanoTime(), timeoutNanos); // before whenComplete, so that a disarm follows it
        inner.whenComplete(deadline);
        return result;
    }

    /**
     * One call's race between its deadline ({@link #expire()}, on the timer) and its inner stage ({@link #accept}),
     * for the entry's state: {@code PENDING} until one of them decides. It is the timer's entry itself.
     */
    private final class Deadline extends Timer.Entry implements BiConsumer<V, Throwable> {

        private static final int DECIDED = 1;

        private final ForwardingStage<V> result;
        private final CompletionStage<V> inner;

        Deadline(ForwardingStage<V> result, CompletionStage<V> inner) {
            this.result = result;
            this.inner = inner;
        }

        /** The deadline, on the timer's thread: decides, and hands the consequences off. */
        @Override
        protected void expire() {
            if (compareAndSetState(PENDING, DECIDED)) {
                timer.handOff(this::timeOut);
            }
        }

        /** Off the timer: stops the work (first, so that a body that stops on the interrupt frees its resources
         * as early as it can), then tells the caller. */
        private void timeOut() {
            if (result.isDone()) {
                return; // the caller cancelled meanwhile; its cancel reached the inner stage already
            }
            ForwardingStage.cancel(inner);
            if (result.completeExceptionally(new TimeoutExceededException(method, timeout))) {
                listener.timedOut(method, timeout);
            }
        }

        /** The inner stage completed: its outcome is the call's, unless the deadline decided first. */
        @Override
        public void accept(V value, Throwable error) {
            if (compareAndSetState(PENDING, DECIDED)) {
                timer.disarm(this);
                if (error == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(Failures.unwrap(error));
                }
            }
        }
    }
}
