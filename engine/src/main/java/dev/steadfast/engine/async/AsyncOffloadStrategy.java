package dev.steadfast.engine.async;

import dev.steadfast.engine.Failures;
import dev.steadfast.engine.Interruption;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Settles;
import dev.steadfast.engine.Strategy;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the body of an {@code @Asynchronous} method on the executor: the caller gets a {@link CompletableFuture} at
 * once, completed with the outcome of the stage the body returns. Cancelling that future before the body starts skips
 * it; cancelling it while the body runs interrupts the body's thread (and only during the body). An executor that
 * refuses the body fails the future with what it threw ({@code RejectedExecutionException},
 * {@link dev.steadfast.ExecutorFullException}).
 */
public final class AsyncOffloadStrategy<V> implements Strategy<CompletionStage<V>> {

    private static final System.Logger LOG = System.getLogger("dev.steadfast");

    private final Strategy<CompletionStage<V>> next;
    private final Executor executor;
    private final ThreadContext context;

    public AsyncOffloadStrategy(Strategy<CompletionStage<V>> next, Executor executor, ThreadContext context) {
        this.next = Objects.requireNonNull(next, "next");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public CompletionStage<V> call(Invocation<CompletionStage<V>> invocation) {
        Task task = new Task(invocation);
        try {
            executor.execute(task);
        } catch (RuntimeException refused) {
            // RejectedExecutionException, or ExecutorFullException from Steadfast's own full pool: the body never runs.
            task.completeExceptionally(refused);
            task.settled.complete(null);
        }
        return task;
    }

    /**
     * The body's future; it is its own task. Its work has {@linkplain #settled() settled} when the body's thread has
     * left the body and the stage the body returned has completed, whatever happened to this future meanwhile.
     */
    private final class Task extends CompletableFuture<V> implements Runnable, Settles {

        private final Invocation<CompletionStage<V>> invocation;
        private volatile Interruption running;
        private final CompletableFuture<Void> settled = new CompletableFuture<>();
        /** Counts down the two ends of the work: the thread leaving the body, the body's stage completing. */
        private final AtomicInteger unsettled = new AtomicInteger(2);

        Task(Invocation<CompletionStage<V>> invocation) {
            this.invocation = invocation;
        }

        @Override
        public void run() {
            Interruption interruption = new Interruption();
            running = interruption;
            // Published before this check: a cancel() that this check misses sees `running` and interrupts us.
            if (isDone()) {
                interruption.finish();
                settled.complete(null);
                return;
            }
            Object token = null;
            boolean active = false;
            try {
                // Inside the try: a context that fails to activate fails the call instead of stranding it.
                token = context.activate();
                active = true;
                CompletionStage<V> stage = next.call(invocation);
                if (stage == null) {
                    complete(null);
                    oneEndReached();
                } else {
                    stage.whenComplete((value, error) -> {
                        oneEndReached();
                        if (error == null) {
                            complete(value);
                        } else {
                            completeExceptionally(Failures.unwrap(error));
                        }
                    });
                }
            } catch (Throwable t) {
                completeExceptionally(t);
                oneEndReached();
            } finally {
                running = null;
                interruption.finish();
                if (active) {
                    deactivate(token);
                }
                oneEndReached(); // whatever deactivate did: the bulkhead's permit depends on it
            }
        }

        private void deactivate(Object token) {
            try {
                context.deactivate(token);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "Steadfast could not deactivate the context of an asynchronous body; the"
                        + " call's outcome stands", e);
            }
        }

        private void oneEndReached() {
            if (unsettled.decrementAndGet() == 0) {
                settled.complete(null);
            }
        }

        @Override
        public CompletionStage<Void> settled() {
            return settled;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            Interruption i = running;
            if (cancelled && mayInterruptIfRunning && i != null) {
                i.run();
            }
            return cancelled;
        }
    }
}
