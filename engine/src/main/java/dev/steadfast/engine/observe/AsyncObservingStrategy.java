package dev.steadfast.engine.observe;

import dev.steadfast.engine.Failures;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.time.Clock;
import dev.steadfast.spi.CallOutcome;
import dev.steadfast.spi.GuardRecorder;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The outermost strategy of an observed operation that returns a {@code CompletionStage}: a call ends when its stage
 * completes. The caller gets a stage that completes like the chain's, right after the recorder heard the outcome (so
 * whoever waits for the stage sees the call recorded); cancelling it cancels the chain's stage, as cancelling that
 * stage itself would. Thread-safe; one instance serves every call of its operation.
 *
 * @param <V> the value type of the stage
 */
public final class AsyncObservingStrategy<V> implements Strategy<CompletionStage<V>> {

    private final Strategy<CompletionStage<V>> next;
    private final GuardRecorder recorder;
    private final Clock clock;
    private final boolean hasFallback;

    /** As for {@link ObservingStrategy}. */
    AsyncObservingStrategy(Strategy<CompletionStage<V>> next, GuardRecorder recorder, Clock clock,
            boolean hasFallback) {
        this.next = Objects.requireNonNull(next, "next");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hasFallback = hasFallback;
    }

    @Override
    public CompletionStage<V> call(Invocation<CompletionStage<V>> invocation) throws Exception {
        long start = clock.nanoTime();
        ObservedCall<CompletionStage<V>> call = hasFallback ? new ObservedCall<>(invocation, start) : null;
        CompletionStage<V> inner;
        try {
            inner = next.call(call != null ? call : invocation);
        } catch (Throwable failure) {
            recorder.completed(Outcomes.of(failure), clock.nanoTime() - start);
            throw Failures.sneakyThrow(failure);
        }
        if (inner == null) {
            recorder.completed(success(call), clock.nanoTime() - start);
            return null;
        }
        Observed<V> result = new Observed<>(inner);
        inner.whenComplete((value, error) -> {
            recorder.completed(error == null ? success(call) : Outcomes.of(Failures.unwrap(error)),
                    clock.nanoTime() - start);
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(error);
            }
        });
        return result;
    }

    private static CallOutcome success(ObservedCall<?> call) {
        return call != null && call.fellBack() ? CallOutcome.FALLBACK : CallOutcome.SUCCESS;
    }

    /** The caller's stage; passes a cancellation on to the chain's stage. */
    private static final class Observed<V> extends CompletableFuture<V> {

        private final CompletionStage<V> inner;

        Observed(CompletionStage<V> inner) {
            this.inner = inner;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                try {
                    inner.toCompletableFuture().cancel(mayInterruptIfRunning);
                } catch (UnsupportedOperationException notAFuture) {
                    // A stage that cannot be turned into a future cannot be cancelled either; it runs to its end.
                }
            }
            return cancelled;
        }
    }
}
