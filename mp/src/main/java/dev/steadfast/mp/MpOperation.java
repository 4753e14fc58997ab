package dev.steadfast.mp;

import dev.steadfast.engine.Failures;
import dev.steadfast.engine.Strategy;
import jakarta.interceptor.InvocationContext;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The prepared strategy chain of one guarded method and how its result reaches the caller. */
final class MpOperation {

    /** How the method returns. */
    enum Kind {
        /** Synchronously, whatever its type (a {@code CompletionStage} without {@code @Asynchronous} included). */
        SYNC,
        /** {@code @Asynchronous}, returning a {@code CompletionStage}: its completion counts as the outcome. */
        STAGE,
        /** {@code @Asynchronous}, returning a {@code Future}: only the invocation counts. */
        FUTURE
    }

    private final Kind kind;
    private final Strategy<Object> chain;
    private final MpMetrics metrics;

    MpOperation(Kind kind, Strategy<Object> chain, MpMetrics metrics) {
        this.kind = kind;
        this.chain = chain;
        this.metrics = metrics;
    }

    Object invoke(InvocationContext context) throws Exception {
        MpInvocation invocation = new MpInvocation(context, kind);
        if (kind == Kind.SYNC) {
            if (metrics == null) {
                return chain.call(invocation);
            }
            Object value;
            try {
                value = chain.call(invocation);
            } catch (Throwable t) {
                metrics.invoked(false, invocation.fallbackApplied);
                throw t;
            }
            metrics.invoked(true, invocation.fallbackApplied);
            return value;
        }
        CallerFuture result = new CallerFuture(invocation);
        CompletionStage<?> stage;
        try {
            stage = (CompletionStage<?>) chain.call(invocation);
        } catch (Throwable t) {
            stage = CompletableFuture.failedFuture(t);
        }
        if (stage == null) {
            if (metrics != null) {
                metrics.invoked(true, invocation.fallbackApplied);
            }
            result.complete(null);
        } else {
            stage.whenComplete((value, error) -> {
                if (metrics != null) {
                    metrics.invoked(error == null, invocation.fallbackApplied);
                }
                if (error == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(Failures.unwrap(error));
                }
            });
        }
        return kind == Kind.STAGE ? result : new DelegatingFuture(result);
    }

    /** The future the caller of an asynchronous method holds; cancelling it cancels the call. */
    static final class CallerFuture extends CompletableFuture<Object> {

        private final MpInvocation invocation;

        CallerFuture(MpInvocation invocation) {
            this.invocation = invocation;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                invocation.cancel(mayInterruptIfRunning);
            }
            return cancelled;
        }
    }

    /**
     * What the caller of an asynchronous method returning {@code Future} holds: until the guarded call completes it
     * reports the call; afterwards it delegates to the {@code Future} the method (or its fallback) returned.
     */
    static final class DelegatingFuture implements Future<Object> {

        private final CompletableFuture<Object> call;

        DelegatingFuture(CompletableFuture<Object> call) {
            this.call = call;
        }

        private Future<?> inner() {
            if (!call.isDone() || call.isCompletedExceptionally()) {
                return null;
            }
            return (Future<?>) call.getNow(null);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            Future<?> inner = inner();
            if (inner != null) {
                return inner.cancel(mayInterruptIfRunning);
            }
            return call.cancel(mayInterruptIfRunning);
        }

        @Override
        public boolean isCancelled() {
            Future<?> inner = inner();
            return inner != null ? inner.isCancelled() : call.isCancelled();
        }

        @Override
        public boolean isDone() {
            Future<?> inner = inner();
            return call.isDone() && (inner == null || inner.isDone());
        }

        @Override
        public Object get() throws InterruptedException, ExecutionException {
            Future<?> inner = (Future<?>) call.get();
            return inner == null ? null : inner.get();
        }

        @Override
        public Object get(long timeout, TimeUnit unit)
                throws InterruptedException, ExecutionException, TimeoutException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            Future<?> inner = (Future<?>) call.get(timeout, unit);
            return inner == null ? null : inner.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }
}
