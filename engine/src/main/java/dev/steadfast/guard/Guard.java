package dev.steadfast.guard;

import dev.steadfast.Degraded;
import dev.steadfast.FallbackApplied;
import dev.steadfast.engine.Engine;
import dev.steadfast.engine.Engines;
import dev.steadfast.engine.GuardPolicy;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.fallback.FallbackFunction;
import dev.steadfast.engine.fallback.FallbackPolicy;
import dev.steadfast.engine.time.Clock;
import dev.steadfast.engine.time.Nanos;
import dev.steadfast.engine.timeout.TimeoutPolicy;

import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Fault tolerance without annotations or a container: runs a {@link Callable} or {@link Supplier} through the same
 * engine, defaults, exceptions, events and order as the annotations (Fallback, Retry, CircuitBreaker, RateLimit,
 * Timeout, Bulkhead). Build one per dependency and keep it: a guard is immutable, thread-safe and holds the state of
 * its breaker, bulkhead and rate limiter, so every call through it shares them.
 *
 * <pre>{@code
 * Guard<Quote> quotes = Guard.<Quote>builder("quotes-client")
 *         .retry(r -> r.maxRetries(3).delay(Duration.ofMillis(100)).backoff(Backoff.EXPONENTIAL).jitter(0.2))
 *         .circuitBreaker(b -> b.name("quotes").requestVolumeThreshold(5).failureRatio(1.0))
 *         .timeout(Duration.ofSeconds(2))
 *         .fallbackTo(failure -> Quote.UNKNOWN)
 *         .build();
 * Quote q = quotes.call(() -> client.fetch("ACME"));
 * }</pre>
 *
 * <p>Guards run on the CDI container's engine when one is running when they are built (so a named breaker is the
 * same breaker as on annotated methods naming it, and CDI events are fired), else on a standalone engine whose threads
 * are daemon threads. {@link Steadfast#circuitBreakers()} lists the breakers of either.
 *
 * @param <T> the result type of the guarded calls
 */
public final class Guard<T> {

    private final String name;
    private final Strategy<Object> chain;
    private final Clock clock;

    Guard(String name, Strategy<Object> chain, Clock clock) {
        this.name = name;
        this.chain = chain;
        this.clock = clock;
    }

    /**
     * Starts a guard; {@code name} appears in messages, events and logs, and is the registry name of an unnamed
     * breaker.
     */
    public static <T> Builder<T> builder(String name) {
        return new Builder<>(name);
    }

    public String name() {
        return name;
    }

    /**
     * Runs {@code action} through the guard.
     *
     * @return the action's result, or a fallback's
     * @throws Exception what the policies let through: the action's own failure (not retried, or after a fallback
     *                   failed), {@link dev.steadfast.RetryExhaustedException}, {@link dev.steadfast.CircuitOpenException},
     *                   {@link dev.steadfast.TimeoutExceededException}, {@link dev.steadfast.BulkheadFullException},
     *                   {@link dev.steadfast.RateLimitExceededException}
     */
    @SuppressWarnings("unchecked")
    public T call(Callable<? extends T> action) throws Exception {
        Objects.requireNonNull(action, "action");
        return (T) chain.call(new Calling(action));
    }

    /**
     * Runs {@code action} through the guard, as {@link #call} does, and says whether the answer is degraded: a fallback's
     * answer comes back as a {@link Degraded} with the {@link FallbackApplied} that says which handler answered, after
     * which failure; the action's own result comes back {@linkplain Degraded#fresh fresh}. The recipe "flag degraded
     * results, never silently degrade" for code without annotations. Costs one clock reading more than {@link #call}.
     *
     * @throws Exception what {@link #call} throws
     */
    public Degraded<T> callDegradable(Callable<? extends T> action) throws Exception {
        Objects.requireNonNull(action, "action");
        Tracked call = new Tracked(action, clock.nanoTime());
        @SuppressWarnings("unchecked")
        T value = (T) chain.call(call);
        FallbackApplied event = call.event;
        return event == null ? Degraded.fresh(value) : Degraded.of(value, event);
    }

    /**
     * Runs {@code action} through the guard, for code that throws no checked exception. Failures propagate as
     * {@link #call} says; a checked exception (possible only from a fallback that sneaks one through) arrives wrapped
     * in an {@link UndeclaredThrowableException}.
     */
    public T get(Supplier<? extends T> action) {
        Objects.requireNonNull(action, "action");
        try {
            return call(action::get);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new UndeclaredThrowableException(e, "Guard '" + name + "': " + e);
        }
    }

    @Override
    public String toString() {
        return "Guard[" + name + "]";
    }

    /** A call as the engine sees it. */
    private record Calling(Callable<?> action) implements Invocation<Object> {
        @Override
        public Object proceed() throws Exception {
            return action.call();
        }
    }

    /** A call whose caller wants to know whether a fallback answered: keeps the event, carries its start. */
    private static final class Tracked implements Invocation<Object> {

        private final Callable<?> action;
        private final long start;
        /** Written by the fallback strategy before it returns the answer (on this call's thread, as it happens). */
        private volatile FallbackApplied event;

        Tracked(Callable<?> action, long start) {
            this.action = action;
            this.start = start;
        }

        @Override
        public Object proceed() throws Exception {
            return action.call();
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

    /**
     * Collects a guard's policies; each is absent until configured. Every value is checked by {@link #build()} or
     * {@link #buildAsync()}, which throw {@link IllegalArgumentException} naming the guard, the option, the value and
     * the rule. A builder is not thread-safe; the guards it builds are.
     *
     * @param <T> the result type of the guarded calls
     */
    public static final class Builder<T> {

        private final String name;
        private RetryOptions<T> retry;
        private CircuitBreakerOptions breaker;
        private RateLimitOptions rateLimit;
        private Duration timeout;
        private BulkheadOptions bulkhead;
        private FallbackOptions<T> fallback;
        private boolean asynchronous;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("A guard needs a name, for its messages and its breaker");
            }
        }

        /** Retries with {@code @Retry}'s defaults. */
        public Builder<T> retry() {
            return retry(r -> { });
        }

        /** Retries, with the defaults changed by {@code options}. */
        public Builder<T> retry(Consumer<RetryOptions<T>> options) {
            retry = new RetryOptions<>();
            options.accept(retry);
            return this;
        }

        /** A circuit breaker with {@code @CircuitBreaker}'s defaults. */
        public Builder<T> circuitBreaker() {
            return circuitBreaker(b -> { });
        }

        /** A circuit breaker, with the defaults changed by {@code options}. */
        public Builder<T> circuitBreaker(Consumer<CircuitBreakerOptions> options) {
            breaker = new CircuitBreakerOptions();
            options.accept(breaker);
            return this;
        }

        /** A rate limit, with {@code @RateLimit}'s defaults changed by {@code options}. */
        public Builder<T> rateLimit(Consumer<RateLimitOptions> options) {
            rateLimit = new RateLimitOptions();
            options.accept(rateLimit);
            return this;
        }

        /** A timeout of each attempt (positive). */
        public Builder<T> timeout(Duration value) {
            timeout = Objects.requireNonNull(value, "timeout");
            return this;
        }

        /** A bulkhead of {@code value} executions at once (the other options at {@code @Bulkhead}'s defaults). */
        public Builder<T> bulkhead(int value) {
            return bulkhead(b -> b.value(value));
        }

        /** A bulkhead, with {@code @Bulkhead}'s defaults changed by {@code options}. */
        public Builder<T> bulkhead(Consumer<BulkheadOptions> options) {
            bulkhead = new BulkheadOptions();
            options.accept(bulkhead);
            return this;
        }

        /** One fallback handler for every failure: {@code fallbackTo(failure -> cached)}. */
        public Builder<T> fallbackTo(Function<Throwable, ? extends T> handler) {
            return fallback(f -> f.handler(handler));
        }

        /** A fallback chain and the failures it applies to. */
        public Builder<T> fallback(Consumer<FallbackOptions<T>> options) {
            fallback = new FallbackOptions<>();
            options.accept(fallback);
            return this;
        }

        /** For {@link #buildAsync()}: runs the action on the asynchronous executor, as {@code @Asynchronous} does. */
        public Builder<T> asynchronous() {
            asynchronous = true;
            return this;
        }

        /**
         * A guard for synchronous calls.
         *
         * @throws IllegalArgumentException when an option breaks its rule, or a named breaker exists with other
         *                                  options
         * @throws IllegalStateException    when {@link #asynchronous()} was set (use {@link #buildAsync()})
         */
        public Guard<T> build() {
            if (asynchronous) {
                throw new IllegalStateException("Guard '" + name + "' is asynchronous: build it with buildAsync()");
            }
            Engine engine = engine();
            return new Guard<>(name, engine.build(policy(false, handlers -> handlers)), engine.clock());
        }

        /**
         * A guard for calls returning a {@code CompletionStage}: timeouts complete the stage, retries re-invoke the
         * supplier without blocking, failures are those of the stage.
         *
         * @throws IllegalArgumentException when an option breaks its rule, or a named breaker exists with other
         *                                  options
         */
        public AsyncGuard<T> buildAsync() {
            Engine engine = engine();
            return new AsyncGuard<>(name, engine.build(policy(true, handler -> (invocation, failure) ->
                    CompletableFuture.completedFuture(handler.apply(invocation, failure)))), engine.clock());
        }

        private static Engine engine() {
            return Engines.current();
        }

        private GuardPolicy policy(boolean stage, Function<FallbackFunction<Object>, FallbackFunction<Object>> wrap) {
            Rules rules = new Rules(name);
            GuardPolicy.Builder b = GuardPolicy.builder(name).returnsStage(stage).asynchronous(asynchronous);
            if (retry != null) {
                b.retry(retry.toPolicy(rules));
            }
            if (breaker != null) {
                b.breaker(breaker.registryName(name), breaker.toPolicy(rules));
            }
            if (rateLimit != null) {
                b.rateLimit(rateLimit.toPolicy(rules));
            }
            if (timeout != null) {
                long nanos = Nanos.of(timeout);
                rules.check(TimeoutPolicy.violations(nanos), member -> "timeout");
                b.timeout(new TimeoutPolicy(nanos));
            }
            if (bulkhead != null) {
                b.bulkhead(bulkhead.toPolicy(rules));
            }
            if (fallback != null) {
                if (fallback.handlers.isEmpty()) {
                    throw rules.broken("fallback", "[]", "has no handler; add one with handler(...)");
                }
                List<FallbackFunction<Object>> chain = new ArrayList<>();
                for (Function<Throwable, ? extends T> h : fallback.handlers) {
                    chain.add(wrap.apply((invocation, failure) -> h.apply(failure)));
                }
                b.fallback(new FallbackPolicy(chain, fallback.matcher(), fallback.names, false));
            }
            return b.build();
        }
    }
}
