package dev.steadfast.guard;

import dev.steadfast.Degraded;
import dev.steadfast.FallbackApplied;
import dev.steadfast.Scope;
import dev.steadfast.engine.Engines;
import dev.steadfast.engine.GuardPolicy;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.breaker.BreakerKeySelector;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.fallback.FallbackFunction;
import dev.steadfast.engine.fallback.FallbackPolicy;
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
 * <p>A guard runs on the engine of the application that builds it, found through the thread's context class loader
 * when it is built: the engine of the CDI container deployed with that loader (or a parent of it) while it runs (so a
 * named breaker is the same breaker as on annotated methods naming it, and CDI events are fired), else the
 * standalone engine of that loader, whose daemon threads stop when idle. {@link Steadfast#circuitBreakers()} lists
 * the breakers of either; {@link Steadfast#shutdown()} stops the standalone one.
 *
 * <p>{@link #close()} unregisters the guard's own breaker (the unnamed one, registered under the guard's name) once
 * no other guard of that name holds it: a short-lived guard leaves nothing behind. A keyed breaker is the exception:
 * its family stays registered as long as the engine, bounded by its {@code maxKeys}. A closed guard, or one whose engine
 * stopped with its application, refuses calls with {@link IllegalStateException}.
 *
 * @param <T> the result type of the guarded calls
 */
public final class Guard<T> implements AutoCloseable {

    private final String name;
    private final Strategy<Object> chain;
    private final Resources resources;

    Guard(String name, Strategy<Object> chain, Resources resources) {
        this.name = name;
        this.chain = chain;
        this.resources = resources;
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
     * @throws IllegalStateException when the guard is closed, or its engine stopped with its application
     */
    @SuppressWarnings("unchecked")
    public T call(Callable<? extends T> action) throws Exception {
        Objects.requireNonNull(action, "action");
        resources.checkOpen();
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
        resources.checkOpen();
        Tracked call = new Tracked(action, resources.clock().nanoTime());
        @SuppressWarnings("unchecked")
        T value = (T) chain.call(call);
        FallbackApplied event = call.event;
        return event == null ? Degraded.fresh(value) : Degraded.of(value, event);
    }

    /**
     * Runs {@code action} through the guard as a call of {@code key}: with a {@linkplain CircuitBreakerOptions#keyed()
     * keyed} breaker, that key's breaker admits or rejects it (a {@code null} key is the key {@code "null"}). Without
     * one the key is ignored.
     *
     * @throws IllegalStateException when the guard is closed, or its engine stopped with its application
     */
    @SuppressWarnings("unchecked")
    public T call(Object key, Callable<? extends T> action) throws Exception {
        Objects.requireNonNull(action, "action");
        resources.checkOpen();
        return (T) chain.call(new KeyedCalling(key, action));
    }

    /** {@link #call(Object, Callable)} for code that throws no checked exception; failures as {@link #get}. */
    public T get(Object key, Supplier<? extends T> action) {
        Objects.requireNonNull(action, "action");
        try {
            return call(key, action::get);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new UndeclaredThrowableException(e, "Guard '" + name + "': " + e);
        }
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

    /**
     * Releases the guard's own breaker (registered under the guard's name): it is unregistered once no other guard
     * of that name holds it. Calls afterwards throw {@link IllegalStateException}; calls in flight finish. Does not
     * stop the engine, which other guards share ({@link Steadfast#shutdown()} does). Idempotent.
     */
    @Override
    public void close() {
        resources.close();
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

    /** A call with its key, for a keyed breaker: the key is its one argument. */
    private record KeyedCalling(Object key, Callable<?> action) implements Invocation<Object> {
        @Override
        public Object proceed() throws Exception {
            return action.call();
        }

        @Override
        public Object[] arguments() {
            return new Object[] {key};
        }
    }

    /**
     * The key of a guard's call: what {@code call(key, action)} was given. A guard with a keyed breaker called
     * without a key fails, saying so.
     */
    static BreakerKeySelector keyOfCall(String guard) {
        return invocation -> {
            Object[] args = invocation.arguments();
            if (args.length != 1) {
                throw new IllegalStateException("Guard '" + guard + "' has a keyed circuit breaker: call it with"
                        + " call(key, action)");
            }
            return args[0];
        };
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
        private AdaptiveBulkheadOptions adaptiveBulkhead;
        private RetryBudgetOptions retryBudget;
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

        /**
         * A concurrency limit that follows the dependency's latency, with {@code @AdaptiveBulkhead}'s defaults changed
         * by {@code options}. Not together with {@link #bulkhead(int)}.
         */
        public Builder<T> adaptiveBulkhead(Consumer<AdaptiveBulkheadOptions> options) {
            adaptiveBulkhead = new AdaptiveBulkheadOptions();
            options.accept(adaptiveBulkhead);
            return this;
        }

        /**
         * Caps the retries to a fraction of the calls, with {@code @RetryBudget}'s defaults changed by
         * {@code options}. Needs {@link #retry()}.
         */
        public Builder<T> retryBudget(Consumer<RetryBudgetOptions> options) {
            retryBudget = new RetryBudgetOptions();
            options.accept(retryBudget);
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
            Resources resources = new Resources(name, Engines.current());
            return new Guard<>(name, resources.build(policy(false, handlers -> handlers)), resources);
        }

        /**
         * A guard for calls returning a {@code CompletionStage}: timeouts complete the stage, retries re-invoke the
         * supplier without blocking, failures are those of the stage.
         *
         * @throws IllegalArgumentException when an option breaks its rule, or a named breaker exists with other
         *                                  options
         */
        public AsyncGuard<T> buildAsync() {
            Resources resources = new Resources(name, Engines.current());
            return new AsyncGuard<>(name, resources.build(policy(true, handler -> (invocation, failure) ->
                    CompletableFuture.completedFuture(handler.apply(invocation, failure)))), resources);
        }

        private GuardPolicy policy(boolean stage, Function<FallbackFunction<Object>, FallbackFunction<Object>> wrap) {
            Rules rules = new Rules(name);
            GuardPolicy.Builder b = GuardPolicy.builder(name).returnsStage(stage).asynchronous(asynchronous);
            if (retry != null) {
                b.retry(retry.toPolicy(rules));
            }
            if (retryBudget != null) {
                if (retry == null) {
                    throw rules.broken("retryBudget", retryBudget.registryName(name), "has no retry to ration; add"
                            + " retry(...)");
                }
                b.retryBudget(retryBudget.registryName(name), retryBudget.toPolicy(rules));
            }
            if (breaker != null) {
                BreakerPolicy breakerPolicy = breaker.toPolicy(rules);
                b.breaker(breaker.registryName(name), breakerPolicy);
                if (breaker.keyedOptions() != null) {
                    if (breakerPolicy.scope() == Scope.CLUSTER) {
                        throw rules.broken("circuitBreaker scope", Scope.CLUSTER, "with keyed(): a keyed breaker keeps"
                                + " one breaker per key on each instance and is never shared by the fleet; use"
                                + " Scope.LOCAL, or an unkeyed named breaker for a fleet-wide one");
                    }
                    b.breakerKeys(breaker.keyedOptions().toPolicy(rules), keyOfCall(name));
                }
            }
            if (rateLimit != null) {
                b.rateLimit(rateLimit.registryName(), rateLimit.toPolicy(rules));
            }
            if (timeout != null) {
                long nanos = Nanos.of(timeout);
                rules.check(TimeoutPolicy.violations(nanos), member -> "timeout");
                b.timeout(new TimeoutPolicy(nanos));
            }
            if (bulkhead != null) {
                b.bulkhead(bulkhead.toPolicy(rules));
            }
            if (adaptiveBulkhead != null) {
                if (bulkhead != null) {
                    throw rules.broken("adaptiveBulkhead", "and", "bulkhead together; choose one");
                }
                b.adaptiveBulkhead(adaptiveBulkhead.toPolicy(rules));
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
