package dev.steadfast.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The stage a staged strategy hands outwards: cancelling it also cancels the inner stage now in flight, so that a
 * caller's {@code cancel(true)} travels through every layer (timeout, retry, breaker, fallback) down to the
 * {@code @Asynchronous} body, which is interrupted. A strategy calls {@link #follow} each time it obtains an inner
 * stage (a retry, once per attempt).
 *
 * <p>Race-free without a lock: {@link #follow} publishes the inner stage, then checks for cancellation; {@link #cancel}
 * cancels (a CAS on the future's state), then reads the inner stage. Whichever runs second sees the other's write, so
 * an inner stage that appears while the caller cancels is cancelled too.
 *
 * @param <V> the value type
 */
public final class ForwardingStage<V> extends CompletableFuture<V> {

    private volatile CompletionStage<?> inner;

    /** Makes {@code stage} the one a cancellation reaches; cancels it at once when this stage is cancelled already. */
    public void follow(CompletionStage<?> stage) {
        inner = stage;
        if (isCancelled()) {
            cancel(stage);
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        CompletionStage<?> stage = inner;
        if (cancelled && stage != null) {
            cancel(stage);
        }
        return cancelled;
    }

    /** Cancels {@code stage}, interrupting an asynchronous body behind it; a stage that is no future runs to its end. */
    public static void cancel(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().cancel(true);
        } catch (UnsupportedOperationException notAFuture) {
            // A stage that cannot be turned into a future cannot be cancelled either; it runs to its end.
        }
    }

    /** Stages derived from this one ({@code thenApply}, …) are plain futures: only the strategy's own stage forwards. */
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
