package dev.steadfast.guard;

import dev.steadfast.Degraded;
import dev.steadfast.FallbackApplied;
import dev.steadfast.engine.Failures;
import dev.steadfast.engine.ForwardingStage;
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
     * Runs {@code action} through the guard, as {@link #call} does, and says whether the answer is degraded: the stage
     * completes with a {@link Degraded}, fresh for the action's own value, degraded (with the {@link FallbackApplied}
     * that says which handler answered, after which failure) for a fallback's. Failures arrive as with {@link #call},
     * and cancelling the returned future cancels the call as cancelling {@link #call}'s would.
     */
    @SuppressWarnings("unchecked")
    public CompletionStage<Degraded<T>> callDegradable(Supplier<? extends CompletionStage<T>> action) {
        Objects.requireNonNull(action, "action");
        CompletionStage<Object> stage;
        Tracked call;
        try {
            resources.checkOpen();
            call = new Tracked(action, resources.clock().nanoTime());
            stage = (CompletionStage<Object>) chain.call(call);
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
        ForwardingStage<Degraded<T>> result = new ForwardingStage<>();
        if (stage == null) {
            result.complete(flag(call, null));
            return result;
        }
        result.follow(stage);
        // The fallback strategy hands the event to `call` before it completes `stage`, so it is seen here.
        stage.whenComplete((value, error) -> {
            if (error == null) {
                result.complete(flag(call, (T) value));
            } else {
                result.completeExceptionally(Failures.unwrap(error));
            }
        });
        return result;
    }

    private static <T> Degraded<T> flag(Tracked call, T value) {
        FallbackApplied event = call.event;
        return event == null ? Degraded.fresh(value) : Degraded.of(value, event);
    }

    /**
     * Runs {@code action} through the guard as a call of {@code key}: with a keyed breaker, that key's breaker admits
     * or rejects it; without one the key is ignored. On a closed guard (or one whose engine stopped) it fails with
     * {@link IllegalStateException}.
     */
    @SuppressWarnings("unchecked")
    public CompletionStage<T> call(Object key, Supplier<? extends CompletionStage<T>> action) {
        Objects.requireNonNull(action, "action");
        Object[] arguments = {key};
        try {
            resources.checkOpen();
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

    /** A call whose caller wants to know whether a fallback answered: keeps the event, carries its start. */
    private static final class Tracked implements Invocation<Object> {

        private final Supplier<? extends CompletionStage<?>> action;
        private final long start;
        /** Written by the fallback strategy, on whichever thread, before it completes the call's stage. */
        private volatile FallbackApplied event;

        Tracked(Supplier<? extends CompletionStage<?>> action, long start) {
            this.action = action;
            this.start = start;
        }

        @Override
        public Object proceed() {
            return action.get();
        }

        @Override
        public long startNanos() {
            return start;
        }

        @Override
        public void fallbackApplied(FallbackApplied e) {
            event = e;
        }
    }
}
