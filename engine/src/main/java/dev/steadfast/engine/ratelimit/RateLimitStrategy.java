package dev.steadfast.engine.ratelimit;

import dev.steadfast.CallRejected;
import dev.steadfast.RateLimitExceededException;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.time.Clock;

import java.time.Duration;
import java.util.Objects;

/**
 * A rate limit on synchronous calls: each call asks the {@link RateLimiter} for a permit at the {@link Clock}'s
 * current time; an admitted call proceeds, a rejected one throws {@link RateLimitExceededException} with the time
 * until a permit is free, announces {@link CallRejected.Reason#RATE_LIMITED}, and does not invoke the method. A
 * permit is taken when the call starts, whatever its outcome, and never given back.
 *
 * <p>Thread-safe and lock-free; one instance (and so one limiter, whose windows start when it is built) serves every
 * call of its method. An admitted call costs one clock reading and one CAS.
 *
 * @param <V> the result type
 */
public final class RateLimitStrategy<V> implements Strategy<V> {

    private final Strategy<V> next;
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
    public RateLimitStrategy(Strategy<V> next, String method, RateLimitPolicy policy, Clock clock,
            EngineListener listener) {
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
    public RateLimitStrategy(Strategy<V> next, String method, SharedRateLimiter limiter, Clock clock,
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
    public V call(Invocation<V> invocation) throws Exception {
        long wait = limiter.tryAcquire(clock.nanoTime());
        if (wait > 0) {
            listener.callRejected(method, CallRejected.Reason.RATE_LIMITED);
            throw new RateLimitExceededException(method, Duration.ofNanos(wait));
        }
        return next.call(invocation);
    }
}
