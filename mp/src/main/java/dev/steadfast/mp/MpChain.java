package dev.steadfast.mp;

import dev.steadfast.impl.core.Engine;
import dev.steadfast.impl.core.Failures;
import dev.steadfast.impl.core.GuardPolicy;
import dev.steadfast.impl.core.Invocation;
import dev.steadfast.impl.core.Strategy;
import dev.steadfast.impl.core.async.AsyncOffloadStrategy;
import dev.steadfast.impl.core.async.ThreadContext;
import dev.steadfast.impl.core.breaker.AsyncCircuitBreakerStrategy;
import dev.steadfast.impl.core.breaker.CircuitBreakerStrategy;
import dev.steadfast.impl.core.bulkhead.AsyncBulkheadStrategy;
import dev.steadfast.impl.core.bulkhead.BulkheadStrategy;
import dev.steadfast.impl.core.fallback.AsyncFallbackStrategy;
import dev.steadfast.impl.core.fallback.FallbackStrategy;
import dev.steadfast.impl.core.retry.AsyncRetryStrategy;
import dev.steadfast.impl.core.retry.RetryStrategy;
import dev.steadfast.impl.core.timeout.AsyncTimeoutStrategy;
import dev.steadfast.impl.core.timeout.TimeoutStrategy;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Builds a method's chain from the engine's strategies, in the engine's order (Fallback, Retry, CircuitBreaker,
 * Timeout, Bulkhead, asynchronous offload, the body; MicroProfile has no rate limit). The MicroProfile front end
 * composes the chain itself instead of calling {@link Engine#build} only to put a translation right outside the
 * timeout, the breaker and the bulkhead, so that every outer concern sees MicroProfile's exception types
 * ({@link MpExceptions}), and to note each asynchronous attempt for cancellation.
 */
final class MpChain {

    private MpChain() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Strategy<Object> build(Engine engine, ThreadContext context, GuardPolicy p) {
        if (p.asynchronous()) {
            Strategy<CompletionStage<Object>> s = staged(engine, context, p);
            return (Strategy) s;
        }
        return sync(engine, p);
    }

    private static Strategy<Object> sync(Engine e, GuardPolicy p) {
        Strategy<Object> s = Invocation::proceed;
        if (p.bulkhead() != null) {
            s = translated(new BulkheadStrategy<>(s, p.name(), p.bulkhead(), e.timer(), e.listener()));
        }
        if (p.timeout() != null) {
            s = translated(new TimeoutStrategy<>(s, p.name(), p.timeout(), e.clock(), e.timer(), e.listener()));
        }
        if (p.breaker() != null) {
            s = translated(new CircuitBreakerStrategy<>(s, p.name(), e.breakers().getOrCreate(p.breakerName(),
                    p.breaker()), e.clock(), e.listener()));
        }
        if (p.retry() != null) {
            s = new RetryStrategy<>(s, p.name(), p.retry(), e.clock(), e.listener());
        }
        if (p.fallback() != null) {
            s = new FallbackStrategy<>(s, p.name(), p.fallback(), e.listener());
        }
        return s;
    }

    private static Strategy<CompletionStage<Object>> staged(Engine e, ThreadContext context, GuardPolicy p) {
        Executor executor = task -> e.executor().execute(task);
        Strategy<CompletionStage<Object>> s = Invocation::proceed;
        s = tracked(new AsyncOffloadStrategy<>(s, executor, context));
        if (p.bulkhead() != null) {
            s = translatedStage(new AsyncBulkheadStrategy<>(s, p.name(), p.bulkhead(), executor, e.listener()));
        }
        if (p.timeout() != null) {
            s = translatedStage(new AsyncTimeoutStrategy<>(s, p.name(), p.timeout(), e.timer(), e.listener()));
        }
        if (p.breaker() != null) {
            s = translatedStage(new AsyncCircuitBreakerStrategy<>(s, p.name(), e.breakers().getOrCreate(
                    p.breakerName(), p.breaker()), e.clock(), e.listener()));
        }
        if (p.retry() != null) {
            s = new AsyncRetryStrategy<>(s, p.name(), p.retry(), e.clock(), e.timer(), executor, e.listener());
        }
        if (p.fallback() != null) {
            s = new AsyncFallbackStrategy<>(s, p.name(), p.fallback(), e.listener());
        }
        return s;
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

    /** Tells the call which stage its running attempt is, and starts no attempt once the caller cancelled. */
    static <V> Strategy<CompletionStage<V>> tracked(Strategy<CompletionStage<V>> next) {
        return invocation -> {
            Object any = invocation;
            if (any instanceof MpInvocation mp) {
                if (mp.cancelled()) {
                    return CompletableFuture.failedFuture(new CancellationException("cancelled by the caller"));
                }
                CompletionStage<V> stage = next.call(invocation);
                mp.running(stage);
                return stage;
            }
            return next.call(invocation);
        };
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
