package dev.steadfast.engine.retry;

import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.FailureRule;
import dev.steadfast.engine.Failures;
import dev.steadfast.engine.ForwardingStage;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.time.Clock;
import dev.steadfast.engine.time.Timer;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Retries a call that returns a {@code CompletionStage}: a failed stage (or a rejected result) schedules the next
 * attempt on the {@link Timer} and runs it on the executor, so no thread blocks during a delay. The timer's thread
 * never gives the attempt to the executor itself: it {@linkplain Timer#handOff hands that off}. The first attempt
 * runs on the caller's thread. Cancelling the returned future stops further attempts. A failure the
 * {@link FailureRule} keeps from retries (a {@code VirtualMachineError}, a cancellation) fails the returned stage at
 * once, untouched.
 */
public final class AsyncRetryStrategy<V> implements Strategy<CompletionStage<V>> {

    private final Strategy<CompletionStage<V>> next;
    private final Retrying retrying;
    private final Timer timer;
    private final Executor executor;

    public AsyncRetryStrategy(Strategy<CompletionStage<V>> next, String method, RetryPolicy policy, Clock clock,
            Timer timer, Executor executor, EngineListener listener) {
        this(next, method, policy, clock, timer, executor, listener, () -> ThreadLocalRandom.current().nextDouble());
    }

    public AsyncRetryStrategy(Strategy<CompletionStage<V>> next, String method, RetryPolicy policy, Clock clock,
            Timer timer, Executor executor, EngineListener listener, DoubleSupplier random) {
        this(next, method, policy, null, clock, timer, executor, listener, random, FailureRule.STEADFAST);
    }

    /** @param failures which failures the retry judges at all */
    public AsyncRetryStrategy(Strategy<CompletionStage<V>> next, String method, RetryPolicy policy, Clock clock,
            Timer timer, Executor executor, EngineListener listener, FailureRule failures) {
        this(next, method, policy, null, clock, timer, executor, listener,
                () -> ThreadLocalRandom.current().nextDouble(), failures);
    }

    /**
     * @param budget the retry budget every call deposits in and every retry draws on; {@code null} for none
     */
    public AsyncRetryStrategy(Strategy<CompletionStage<V>> next, String method, RetryPolicy policy, RetryBudget budget,
            Clock clock, Timer timer, Executor executor, EngineListener listener) {
        this(next, method, policy, budget, clock, timer, executor, listener,
                () -> ThreadLocalRandom.current().nextDouble(), FailureRule.STEADFAST);
    }

    public AsyncRetryStrategy(Strategy<CompletionStage<V>> next, String method, RetryPolicy policy, RetryBudget budget,
            Clock clock, Timer timer, Executor executor, EngineListener listener, DoubleSupplier random) {
        this(next, method, policy, budget, clock, timer, executor, listener, random, FailureRule.STEADFAST);
    }

    /**
     * @param budget   the retry budget every call deposits in and every retry draws on; {@code null} for none
     * @param failures which failures the retry judges at all
     */
    public AsyncRetryStrategy(Strategy<CompletionStage<V>> next, String method, RetryPolicy policy, RetryBudget budget,
            Clock clock, Timer timer, Executor executor, EngineListener listener, DoubleSupplier random,
            FailureRule failures) {
        this.next = Objects.requireNonNull(next, "next");
        this.retrying = new Retrying(Objects.requireNonNull(method, "method"), Objects.requireNonNull(policy, "policy"),
                budget, Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(listener, "listener"),
                Objects.requireNonNull(random, "random"), Objects.requireNonNull(failures, "failures"));
        this.timer = Objects.requireNonNull(timer, "timer");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public CompletionStage<V> call(Invocation<CompletionStage<V>> invocation) {
        long start = retrying.clock.nanoTime();
        retrying.started(start);
        Call call = new Call(invocation, start);
        call.attempt();
        return call.result;
    }

    /** One guarded call: its attempts so far and the future the caller holds. */
    private final class Call implements Runnable {

        final Invocation<CompletionStage<V>> invocation;
        final Retrying.Attempts attempts;
        final ForwardingStage<V> result = new ForwardingStage<>();
        /** The delay being waited, so that cancelling the call drops it from the timer at once. */
        private volatile Timer.Task waiting;

        Call(Invocation<CompletionStage<V>> invocation, long start) {
            this.invocation = invocation;
            this.attempts = new Retrying.Attempts(start);
        }

        @Override
        public void run() {
            attempt();
        }

        void attempt() {
            if (result.isDone()) {
                return; // cancelled by the caller
            }
            CompletionStage<V> stage;
            try {
                stage = next.call(invocation);
            } catch (Throwable t) {
                completed(null, t);
                return;
            }
            if (stage == null) {
                completed(null, null);
                return;
            }
            result.follow(stage); // a caller's cancel reaches the attempt in flight
            stage.whenComplete(this::completed);
        }

        private void completed(V value, Throwable error) {
            try {
                retryOrFinish(value, error);
            } catch (Throwable t) {
                // This runs as a stage callback, where a throw would be lost: never leave the caller's stage pending.
                result.completeExceptionally(t);
            }
        }

        private void retryOrFinish(V value, Throwable error) {
            Retrying r = retrying;
            Throwable failure = error == null ? null : Failures.unwrap(error);
            if (failure == null) {
                try {
                    if (!r.rejects(value)) {
                        result.complete(value);
                        return;
                    }
                    attempts.rejected(value);
                } catch (RuntimeException | Error predicateFailed) {
                    // As in the synchronous retry: a retryOnResult predicate that throws fails the attempt.
                    failure = predicateFailed;
                }
            }
            if (failure != null) {
                if (!r.retries(failure, result.isCancelled())) {
                    result.completeExceptionally(failure);
                    return;
                }
                attempts.failed(failure);
            }
            if (result.isDone()) {
                return;
            }
            long delay = r.nextDelay(attempts);
            if (delay < 0) {
                result.completeExceptionally(r.giveUp(attempts));
                return;
            }
            try {
                // Dispatch even a zero delay: running the next attempt inline would recurse once per attempt when
                // stages fail synchronously, and an unbounded retry could overflow the stack.
                if (delay == 0) {
                    executor.execute(this);
                } else {
                    boolean first = waiting == null;
                    // The timer only hands the dispatch off: giving the attempt to the executor may first have to
                    // choose that executor, or fail the call, and both run user code, never on the timer's thread.
                    waiting = timer.schedule(delay, () -> timer.handOff(this::dispatch));
                    if (first) {
                        result.whenComplete((v, t) -> waiting.cancel());
                    }
                }
            } catch (RejectedExecutionException e) {
                result.completeExceptionally(attempts.lastFailure != null ? attempts.lastFailure : e);
            }
        }

        /** At the end of a delay: the next attempt goes to the executor. */
        private void dispatch() {
            try {
                executor.execute(this);
            } catch (RejectedExecutionException e) {
                result.completeExceptionally(attempts.lastFailure != null ? attempts.lastFailure : e);
            } catch (RuntimeException refused) {
                result.completeExceptionally(refused); // ExecutorFullException: Steadfast's own pool is full
            }
        }
    }
}
