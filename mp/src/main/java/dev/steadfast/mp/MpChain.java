package dev.steadfast.mp;

import dev.steadfast.engine.Engine;
import dev.steadfast.engine.Failures;
import dev.steadfast.engine.ForwardingStage;
import dev.steadfast.engine.GuardPolicy;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.async.AsyncOffloadStrategy;
import dev.steadfast.engine.async.ThreadContext;
import dev.steadfast.engine.breaker.AsyncCircuitBreakerStrategy;
import dev.steadfast.engine.breaker.CircuitBreakerStrategy;
import dev.steadfast.engine.bulkhead.AsyncBulkheadStrategy;
import dev.steadfast.engine.bulkhead.BulkheadStrategy;
import dev.steadfast.engine.fallback.AsyncFallbackStrategy;
import dev.steadfast.engine.fallback.FallbackStrategy;
import dev.steadfast.engine.retry.AsyncRetryStrategy;
import dev.steadfast.engine.retry.RetryStrategy;
import dev.steadfast.engine.timeout.AsyncTimeoutStrategy;
import dev.steadfast.engine.timeout.TimeoutStrategy;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Builds a method's chain from the engine's strategies, in the engine's order (Fallback, Retry, CircuitBreaker,
 * Timeout, Bulkhead, asynchronous offload, the body; MicroProfile has no rate limit). The MicroProfile front end
 * composes the chain itself instead of calling {@link Engine#build} only to put a translation right outside the
 * timeout, the breaker and the bulkhead, so that every outer concern sees MicroProfile's exception types
 * ({@link MpExceptions}), to note each asynchronous attempt for cancellation, and to place the metrics observers
 * ({@link MpObservers}) around each concern when metrics are on.
 */
final class MpChain {

    private MpChain() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Strategy<Object> build(Engine engine, ThreadContext context, GuardPolicy p, MpMetrics metrics) {
        if (p.asynchronous()) {
            Strategy<CompletionStage<Object>> s = staged(engine, context, p, metrics);
            return (Strategy) s;
        }
        return sync(engine, p, metrics);
    }

    private static Strategy<Object> sync(Engine e, GuardPolicy p, MpMetrics m) {
        Strategy<Object> s = Invocation::proceed;
        if (p.bulkhead() != null) {
            s = MpObservers.bulkheadInside(false, s, m);
            s = translated(new BulkheadStrategy<>(s, p.name(), p.bulkhead(), e.timer(), e.listener()));
            s = MpObservers.bulkheadOutside(false, s, m);
        }
        if (p.timeout() != null) {
            s = translated(new TimeoutStrategy<>(s, p.name(), p.timeout(), e.clock(), e.timer(), e.listener()));
            s = MpObservers.timeout(false, s, m);
        }
        if (p.breaker() != null) {
            s = translated(new CircuitBreakerStrategy<>(s, p.name(), e.breakers().getOrCreate(p.breakerName(),
                    p.breaker()), e.clock(), e.listener(), p.failures()));
            s = MpObservers.breaker(false, s, m, p.breaker());
        }
        if (p.retry() != null) {
            s = MpObservers.attempt(false, s, m);
            s = new RetryStrategy<>(s, p.name(), p.retry(), e.clock(), e.listener(), p.failures());
            s = MpObservers.retry(false, s, m, p.retry());
        }
        if (p.fallback() != null) {
            s = new FallbackStrategy<>(s, p.name(), p.fallback(), e.listener(), p.failures());
        }
        return s;
    }

    private static Strategy<CompletionStage<Object>> staged(Engine e, ThreadContext context, GuardPolicy p,
            MpMetrics m) {
        Executor executor = task -> e.executor().execute(task);
        Strategy<CompletionStage<Object>> s = Invocation::proceed;
        s = tracked(new AsyncOffloadStrategy<>(s, executor, context));
        if (p.bulkhead() != null) {
            s = asStage(MpObservers.bulkheadInside(true, asAny(s), m));
            s = translatedStage(new AsyncBulkheadStrategy<>(s, p.name(), p.bulkhead(), executor, e.listener()));
            s = asStage(MpObservers.bulkheadOutside(true, asAny(s), m));
        }
        if (p.timeout() != null) {
            s = timedOut(new AsyncTimeoutStrategy<>(noted(s), p.name(), p.timeout(), e.timer(), e.listener()));
            s = asStage(MpObservers.timeout(true, asAny(s), m));
        }
        if (p.breaker() != null) {
            s = translatedStage(new AsyncCircuitBreakerStrategy<>(s, p.name(), e.breakers().getOrCreate(
                    p.breakerName(), p.breaker()), e.clock(), e.listener(), p.failures()));
            s = asStage(MpObservers.breaker(true, asAny(s), m, p.breaker()));
        }
        if (p.retry() != null) {
            s = asStage(MpObservers.attempt(true, asAny(s), m));
            s = new AsyncRetryStrategy<>(s, p.name(), p.retry(), e.clock(), e.timer(), executor, e.listener(),
                    p.failures());
            s = asStage(MpObservers.retry(true, asAny(s), m, p.retry()));
        }
        if (p.fallback() != null) {
            s = new AsyncFallbackStrategy<>(s, p.name(), p.fallback(), e.listener(), p.failures());
        }
        return s;
    }

    /** A stage strategy seen as one on plain values, for the observers that serve both kinds. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Strategy<Object> asAny(Strategy<CompletionStage<Object>> s) {
        return (Strategy) s;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Strategy<CompletionStage<Object>> asStage(Strategy<Object> s) {
        return (Strategy) s;
    }

    /** Maps what {@code next} throws to MicroProfile's types. */
    static <V> Strategy<V> translated(Strategy<V> next) {
        return invocation -> {
            try {
                return next.call(invocation);
            } catch (Throwable t) {
                throw Failures.sneakyThrow(MpExceptions.translate(t));
            }
        };
    }

    /**
     * Around the stage-based timeout: when it fires, the stage below it (a queued bulkhead call, a running body) is
     * cancelled before the caller hears of the timeout, so that a caller who calls again at once finds the queue place
     * free. Maps the failure to MicroProfile's types.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <V> Strategy<CompletionStage<V>> timedOut(Strategy<CompletionStage<V>> timeout) {
        return invocation -> {
            Below below = new Below((Invocation) invocation);
            CompletionStage<V> inner;
            try {
                inner = timeout.call((Invocation) below);
            } catch (Throwable t) {
                return CompletableFuture.failedFuture(MpExceptions.translate(t));
            }
            if (inner == null) {
                return null;
            }
            Linked<V> result = new Linked<>(inner);
            inner.whenComplete((value, error) -> {
                if (error == null) {
                    result.complete(value);
                    return;
                }
                Throwable failure = Failures.unwrap(error);
                if (failure instanceof dev.steadfast.TimeoutExceededException) {
                    cancel(below.stage);
                }
                result.completeExceptionally(MpExceptions.translate(failure));
            });
            return result;
        };
    }

    /** Right below the timeout: notes the stage it returns for {@link #timedOut}. */
    static <V> Strategy<CompletionStage<V>> noted(Strategy<CompletionStage<V>> next) {
        return invocation -> {
            CompletionStage<V> stage = next.call(invocation);
            Object any = invocation;
            if (any instanceof Below below) {
                below.stage = stage;
            }
            return stage;
        };
    }

    private static void cancel(CompletionStage<?> stage) {
        if (stage != null) {
            ForwardingStage.cancel(stage);
        }
    }

    /** The call as one attempt passes through the timeout, with the stage below the timeout. */
    private static final class Below extends Forwarding {

        volatile CompletionStage<?> stage;

        Below(Invocation<Object> call) {
            super(call);
        }
    }

    /** An invocation that carries per-attempt state between two decorators and forwards everything else. */
    abstract static class Forwarding implements Invocation<Object> {

        final Invocation<Object> call;

        Forwarding(Invocation<Object> call) {
            this.call = call;
        }

        @Override
        public Object proceed() throws Exception {
            return call.proceed();
        }

        @Override
        public Object[] arguments() {
            return call.arguments();
        }

        @Override
        public Object target() {
            return call.target();
        }
    }

    /** The call behind the per-attempt wrappers of this front end. */
    static MpInvocation callOf(Invocation<?> invocation) {
        Object i = invocation;
        for (int depth = 0; depth < 8; depth++) {
            if (i instanceof MpInvocation mp) {
                return mp;
            }
            if (i instanceof Forwarding f) {
                i = f.call;
            } else {
                return null;
            }
        }
        return null;
    }

    /** The nearest per-attempt wrapper of the given type, or {@code null}. */
    static <T extends Forwarding> T find(Invocation<?> invocation, Class<T> type) {
        Object i = invocation;
        for (int depth = 0; depth < 8 && i instanceof Forwarding f; depth++) {
            if (type.isInstance(f)) {
                return type.cast(f);
            }
            i = f.call;
        }
        return null;
    }

    /** Maps the failure of {@code next}'s stage to MicroProfile's types; cancelling the result cancels that stage. */
    static <V> Strategy<CompletionStage<V>> translatedStage(Strategy<CompletionStage<V>> next) {
        return invocation -> {
            CompletionStage<V> inner;
            try {
                inner = next.call(invocation);
            } catch (Throwable t) {
                return CompletableFuture.failedFuture(MpExceptions.translate(t));
            }
            if (inner == null) {
                return null;
            }
            Linked<V> result = new Linked<>(inner);
            inner.whenComplete((value, error) -> {
                if (error == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(MpExceptions.translate(Failures.unwrap(error)));
                }
            });
            return result;
        };
    }

    /**
     * Tells the call which stage its running attempt is, and starts no attempt once the caller cancelled. The
     * attempt's stage completes only once its body has returned: a body that a timeout or a cancellation could not
     * interrupt keeps its bulkhead permit until it really ends, as MicroProfile requires.
     */
    static <V> Strategy<CompletionStage<V>> tracked(Strategy<CompletionStage<V>> next) {
        return invocation -> {
            MpInvocation mp = callOf(invocation);
            if (mp != null && mp.cancelled()) {
                return CompletableFuture.failedFuture(new CancellationException("cancelled by the caller"));
            }
            Attempt<V> attempt = new Attempt<>(invocation);
            CompletionStage<V> inner = next.call(attempt);
            if (inner == null) {
                return null;
            }
            Held<V> result = new Held<>(inner);
            inner.whenComplete((value, error) -> attempt.afterBody(() -> {
                if (error == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(Failures.unwrap(error));
                }
            }));
            if (mp != null) {
                mp.running(result);
            }
            return result;
        };
    }

    /** One attempt's view of the call: knows whether its body is running, to hold the outcome back until it ends. */
    private static final class Attempt<V> implements Invocation<CompletionStage<V>> {

        private final Invocation<CompletionStage<V>> call;
        private boolean running;
        private Runnable afterBody;

        Attempt(Invocation<CompletionStage<V>> call) {
            this.call = call;
        }

        @Override
        public CompletionStage<V> proceed() throws Exception {
            synchronized (this) {
                running = true;
            }
            try {
                return call.proceed();
            } finally {
                Runnable then;
                synchronized (this) {
                    running = false;
                    then = afterBody;
                    afterBody = null;
                }
                if (then != null) {
                    then.run();
                }
            }
        }

        /** Runs {@code action} now, or when the body returns if it is running. */
        void afterBody(Runnable action) {
            synchronized (this) {
                if (running) {
                    afterBody = action;
                    return;
                }
            }
            action.run();
        }

        @Override
        public Object[] arguments() {
            return call.arguments();
        }

        @Override
        public Object target() {
            return call.target();
        }
    }

    /**
     * An attempt's future: cancelling it cancels (and may interrupt) the body's stage, but it completes only with that
     * stage, once the body has returned, so the permits it holds are released when the body really ends.
     */
    static final class Held<V> extends CompletableFuture<V> {

        private final CompletionStage<V> source;

        Held(CompletionStage<V> source) {
            this.source = source;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (isDone()) {
                return false;
            }
            try {
                source.toCompletableFuture().cancel(mayInterruptIfRunning);
            } catch (UnsupportedOperationException notAFuture) {
                // cannot be cancelled; it runs to its end
            }
            return true;
        }
    }

    /** A future over another stage: cancelling it cancels that stage too. */
    private static final class Linked<V> extends CompletableFuture<V> {

        private final CompletionStage<V> source;

        Linked(CompletionStage<V> source) {
            this.source = source;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                try {
                    source.toCompletableFuture().cancel(mayInterruptIfRunning);
                } catch (UnsupportedOperationException notAFuture) {
                    // cannot be cancelled; it runs to its end
                }
            }
            return cancelled;
        }
    }
}
