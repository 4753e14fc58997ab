package dev.steadfast.guard;

import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A {@link Guard} for calls that return a {@link CompletionStage}, built by {@link Guard.Builder#buildAsync()}. The
 * policies work on the stage: a timeout completes it exceptionally at the deadline, retries re-invoke the supplier on
 * a timer without blocking a thread, the bulkhead queues up to {@code waitingTaskQueue} calls, failures are those of
 * the stage. With {@link Guard.Builder#asynchronous()} the supplier itself runs on the asynchronous executor (virtual
 * threads on Java 21+, else a bounded pool), and cancelling the returned future interrupts it. Nothing is thrown:
 * every failure, rejections included, arrives through the returned stage. When the guard's engine stops
 * ({@link Steadfast#shutdown()}, or its container's shutdown), every stage still pending fails with a
 * {@link dev.steadfast.FaultToleranceException} saying that the application is stopping. Immutable and thread-safe;
 * {@link #close()} as for {@link Guard#close()}.
 *
 * @param <T> the value type of the guarded stages
 */
public final class AsyncGuard<T> implements AutoCloseable {

    private final String name;
    private final Strategy<Object> chain;
    private final Resources resources;

    AsyncGuard(String name, Strategy<Object> chain, Resources resources) {
        this.name = name;
        this.chain = chain;
        this.resources = resources;
    }

    public String name() {
        return name;
    }

    /**
     * Runs {@code action} through the guard; the returned stage completes with the outcome the policies give. On a
     * closed guard (or one whose engine stopped) it fails with {@link IllegalStateException}.
     */
    @SuppressWarnings("unchecked")
    public CompletionStage<T> call(Supplier<? extends CompletionStage<T>> action) {
        Objects.requireNonNull(action, "action");
        try {
            resources.checkOpen();
            return (CompletionStage<T>) chain.call((Invocation<Object>) action::get);
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
    }

    /**
     * Runs {@code action} through the guard as a call of {@code key}: with a keyed breaker, that key's breaker admits
     * or rejects it; without one the key is ignored.
     */
    @SuppressWarnings("unchecked")
    public CompletionStage<T> call(Object key, Supplier<? extends CompletionStage<T>> action) {
        Objects.requireNonNull(action, "action");
        Object[] arguments = {key};
        try {
            return (CompletionStage<T>) chain.call(new Invocation<Object>() {
                @Override
                public Object proceed() {
                    return action.get();
                }

                @Override
                public Object[] arguments() {
                    return arguments;
                }
            });
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
    }

    /** As {@link Guard#close()}. */
    @Override
    public void close() {
        resources.close();
    }

    @Override
    public String toString() {
        return "AsyncGuard[" + name + "]";
    }
}
