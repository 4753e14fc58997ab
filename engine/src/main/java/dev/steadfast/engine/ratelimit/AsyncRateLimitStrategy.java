package dev.steadfast.engine.ratelimit;

import dev.steadfast.CallRejected;
import dev.steadfast.RateLimitExceededException;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.time.Clock;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A rate limit on calls that return a {@code CompletionStage}: the same decision as {@link RateLimitStrategy}, taken
 * when the call is made; a rejected call returns a stage failed with {@link RateLimitExceededException} (nothing is
 * thrown), announces {@link CallRejected.Reason#RATE_LIMITED} and does not invoke the method. An admitted call returns
 * the inner strategy's stage unchanged.
 *
 * <p>Thread-safe and lock-free; one instance serves every call of its method.
 *
 * @param <V> the value type of the stage
 */
public final class AsyncRateLimitStrategy<V> implements Strategy<CompletionStage<V>> {

    private final Strategy<CompletionStage<V>> next;
    private final String method;
    private final SharedRateLimiter limiter;
    private final Clock clock;
    private final EngineListener listener;

    /**
     * @param next     the strategy inside this one
     * @param method   the guarded method, for messages and events
     * @param policy   the limit
     * @param clock    the only source of time
     * @param listener hears rejections
     */
    public AsyncRateLimitStrategy(Strategy<CompletionStage<V>> next, String method, RateLimitPolicy policy,
            Clock clock, EngineListener listener) {
        this.next = Objects.requireNonNull(next, "next");
        this.method = Objects.requireNonNull(method, "method");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limiter = SharedRateLimiter.unregistered(method, Objects.requireNonNull(policy, "policy"), clock);
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * A strategy asking a limiter that may be shared (by name, through the registry) or fleet-wide.
     *
     * @param next     the strategy inside this one
     * @param method   the guarded method, for messages and events
     * @param limiter  the limiter, with its counters
     * @param clock    the only source of time
     * @param listener hears rejections
     */
    public AsyncRateLimitStrategy(Strategy<CompletionStage<V>> next, String method, SharedRateLimiter limiter, Clock clock,
            EngineListener listener) {
        this.next = Objects.requireNonNull(next, "next");
        this.method = Objects.requireNonNull(method, "method");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The permits a call could take now, from 0 to the limit; for views, never for decisions. */
    public int available() {
        return limiter.available(clock.nanoTime());
    }

    @Override
    public CompletionStage<V> call(Invocation<CompletionStage<V>> invocation) throws Exception {
        long wait = limiter.tryAcquire(clock.nanoTime());
        if (wait > 0) {
            listener.callRejected(method, CallRejected.Reason.RATE_LIMITED);
            return CompletableFuture.failedFuture(new RateLimitExceededException(method, Duration.ofNanos(wait)));
        }
        return next.call(invocation);
    }
}
