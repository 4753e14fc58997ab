package dev.steadfast.mp;

import dev.steadfast.engine.ChainAssembly;
import dev.steadfast.engine.ChainAssembly.Layer;
import dev.steadfast.engine.Engine;
import dev.steadfast.engine.Failures;
import dev.steadfast.engine.ForwardingInvocation;
import dev.steadfast.engine.ForwardingStage;
import dev.steadfast.engine.GuardPolicy;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the MicroProfile front end adds to the engine's chain ({@link ChainAssembly}, which gives the order and builds
 * the strategies): a translation right outside the timeout, the breaker and the bulkhead, so that every outer concern
 * sees MicroProfile's exception types ({@link MpExceptions}); for asynchronous methods, the bookkeeping of each attempt
 * right above the offload (so a caller can cancel it, and its outcome waits for the body to end); and, when metrics are
 * on, the observers of {@link MpObservers} around and inside each concern.
 */
final class MpChain implements ChainAssembly.Hooks {

    private final GuardPolicy policy;
    /** {@code null} when metrics are off: then no observer is added. */
    private final MpMetrics metrics;

    private MpChain(GuardPolicy policy, MpMetrics metrics) {
        this.policy = policy;
        this.metrics = metrics;
    }

    /** The chain of one method. */
    static Strategy<Object> build(Engine engine, GuardPolicy policy, MpMetrics metrics) {
        return engine.build(policy, new MpChain(policy, metrics));
    }

    @Override
    public Strategy<Object> inside(Layer layer, Strategy<Object> inner) {
        return switch (layer) {
            case BULKHEAD -> MpObservers.bulkheadInside(false, inner, metrics);
            case RETRY -> MpObservers.attempt(false, inner, metrics);
            default -> inner;
        };
    }

    @Override
    public Strategy<Object> outside(Layer layer, Strategy<Object> built) {
        return switch (layer) {
            case BULKHEAD -> MpObservers.bulkheadOutside(false, translated(built), metrics);
            case TIMEOUT -> MpObservers.timeout(false, translated(built), metrics);
            case CIRCUIT_BREAKER -> MpObservers.breaker(false, translated(built), metrics, policy.breaker());
            case RETRY -> MpObservers.retry(false, built, metrics, policy.retry());
            default -> built;
        };
    }

    @Override
    public Strategy<CompletionStage<Object>> insideStaged(Layer layer, Strategy<CompletionStage<Object>> inner) {
        return switch (layer) {
            case BULKHEAD -> asStage(MpObservers.bulkheadInside(true, asAny(inner), metrics));
            case TIMEOUT -> noted(inner);
            case RETRY -> asStage(MpObservers.attempt(true, asAny(inner), metrics));
            default -> inner;
        };
    }

    @Override
    public Strategy<CompletionStage<Object>> outsideStaged(Layer layer, Strategy<CompletionStage<Object>> built) {
        return switch (layer) {
            case ASYNC_OFFLOAD -> tracked(built);
            case BULKHEAD -> asStage(MpObservers.bulkheadOutside(true, asAny(translatedStage(built)), metrics));
            case TIMEOUT -> asStage(MpObservers.timeout(true, asAny(timedOut(built)), metrics));
            case CIRCUIT_BREAKER -> asStage(MpObservers.breaker(true, asAny(translatedStage(built)), metrics,
                    policy.breaker()));
            case RETRY -> asStage(MpObservers.retry(true, asAny(built), metrics, policy.retry()));
            default -> built;
        };
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

    /** An invocation that carries per-attempt state between two decorators of this front end. */
    abstract static class Forwarding extends ForwardingInvocation<Object> {

        Forwarding(Invocation<Object> call) {
            super(call);
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
                i = f.delegate();
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
            i = f.delegate();
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
    private static final class Attempt<V> extends ForwardingInvocation<CompletionStage<V>> {

        private boolean running;
        private Runnable afterBody;

        Attempt(Invocation<CompletionStage<V>> call) {
            super(call);
        }

        @Override
        public CompletionStage<V> proceed() throws Exception {
            synchronized (this) {
                running = true;
            }
            try {
                return super.proceed();
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
