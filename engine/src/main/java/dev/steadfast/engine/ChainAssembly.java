package dev.steadfast.engine;

import dev.steadfast.engine.async.AsyncOffloadStrategy;
import dev.steadfast.engine.breaker.AsyncCircuitBreakerStrategy;
import dev.steadfast.engine.breaker.AsyncKeyedCircuitBreakerStrategy;
import dev.steadfast.engine.breaker.BreakerFamily;
import dev.steadfast.engine.breaker.KeyedCircuitBreakerStrategy;
import dev.steadfast.engine.bulkhead.AdaptiveBulkheadStrategy;
import dev.steadfast.engine.bulkhead.AsyncAdaptiveBulkheadStrategy;
import dev.steadfast.engine.breaker.Breaker;
import dev.steadfast.engine.breaker.CircuitBreakerStrategy;
import dev.steadfast.engine.bulkhead.AsyncBulkheadStrategy;
import dev.steadfast.engine.bulkhead.BulkheadStrategy;
import dev.steadfast.engine.fallback.AsyncFallbackStrategy;
import dev.steadfast.engine.fallback.FallbackPolicy;
import dev.steadfast.engine.fallback.FallbackStrategy;
import dev.steadfast.engine.observe.Observation;
import dev.steadfast.engine.ratelimit.AsyncRateLimitStrategy;
import dev.steadfast.engine.ratelimit.RateLimitStrategy;
import dev.steadfast.engine.ratelimit.SharedRateLimiter;
import dev.steadfast.engine.retry.AsyncRetryStrategy;
import dev.steadfast.engine.retry.RetryBudget;
import dev.steadfast.engine.retry.RetryStrategy;
import dev.steadfast.engine.timeout.AsyncTimeoutStrategy;
import dev.steadfast.engine.timeout.TimeoutStrategy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

/**
 * Assembles the strategy chain of one operation: the one place where the order of the policies is written (the
 * declaration order of {@link Layer}). Every front end gets its chains from here, through {@link Engine#build}; what a
 * front end needs beyond the engine's strategies (MicroProfile's exception types, its per-attempt bookkeeping, its
 * metrics) it adds through {@link Hooks} around or inside a layer, never by composing a chain of its own. So every
 * chain gets the same services: the engine's observers, and bulkheads and rate limits that {@link Engine#reset()}
 * rebuilds under an {@link EngineHook}.
 *
 * <p>A chain is built inside out: the body, then each present layer from the innermost to the outermost. For one
 * layer the front end's {@link Hooks#inside} wraps what the layer is built on, the layer's strategy is built on that,
 * and {@link Hooks#outside} wraps the result. An operation that returns a {@code CompletionStage} gets the staged
 * strategies of the same layers, in the same order.
 */
public final class ChainAssembly {

    /**
     * The concerns of a chain, <b>outermost first</b>: the fallback sees the final outcome; every retry attempt passes
     * the breaker and counts in it; a call the breaker rejects takes no rate-limit permit; each attempt has its own
     * timeout, which covers the wait for a bulkhead permit; the body of an asynchronous operation runs on the
     * executor, inside its bulkhead permit. An adaptive bulkhead (never together with a bulkhead) stands where the
     * bulkhead would: inside the timeout, whose interrupts and cancellations it sees as drops.
     */
    public enum Layer {
        FALLBACK, RETRY, CIRCUIT_BREAKER, RATE_LIMIT, TIMEOUT, BULKHEAD, ADAPTIVE_BULKHEAD, ASYNC_OFFLOAD;

        /** Innermost first, the order in which a chain is built: the declaration order reversed. */
        private static final List<Layer> INSIDE_OUT = insideOut();

        private static List<Layer> insideOut() {
            List<Layer> layers = new ArrayList<>(List.of(values()));
            Collections.reverse(layers);
            return List.copyOf(layers);
        }
    }

    /**
     * What a front end adds to the chain, layer by layer; called once per present layer while a chain is built, never
     * on a call. Every method returns its argument by default, so a front end overrides only what it needs. A hook
     * for a synchronous operation gets and returns strategies on plain results; one for an operation returning a
     * {@code CompletionStage} gets and returns strategies on stages.
     */
    public interface Hooks {

        /** No additions: the engine's strategies alone. */
        Hooks NONE = new Hooks() {
        };

        /** What the synchronous {@code layer} is built on: {@code inner}, or a decorator of it. */
        default Strategy<Object> inside(Layer layer, Strategy<Object> inner) {
            return inner;
        }

        /** What stands for the synchronous {@code layer} in the chain: {@code built}, or a decorator of it. */
        default Strategy<Object> outside(Layer layer, Strategy<Object> built) {
            return built;
        }

        /** What the staged {@code layer} is built on: {@code inner}, or a decorator of it. */
        default Strategy<CompletionStage<Object>> insideStaged(Layer layer, Strategy<CompletionStage<Object>> inner) {
            return inner;
        }

        /** What stands for the staged {@code layer} in the chain: {@code built}, or a decorator of it. */
        default Strategy<CompletionStage<Object>> outsideStaged(Layer layer,
                Strategy<CompletionStage<Object>> built) {
            return built;
        }
    }

    private final Engine engine;
    private final GuardPolicy policy;
    private final Hooks hooks;
    /** {@code null} for an unobserved operation. */
    private final Observation observation;
    /** What the strategies announce to: the engine's listener, or the observed operation's own list. */
    private final EngineListener listener;

    ChainAssembly(Engine engine, GuardPolicy policy, Hooks hooks, Observation observation) {
        this.engine = engine;
        this.policy = policy;
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.observation = observation;
        this.listener = observation == null ? engine.listener() : observation.listener();
    }

    /** The chain of an operation with plain results. */
    Strategy<Object> sync() {
        Strategy<Object> s = Invoke.instance();
        for (Layer layer : Layer.INSIDE_OUT) {
            if (present(layer)) {
                s = hooks.outside(layer, sync(layer, hooks.inside(layer, s)));
            }
        }
        return observation == null ? s : observation.observe(s);
    }

    /** The chain of an operation that returns a {@code CompletionStage}. */
    Strategy<CompletionStage<Object>> staged() {
        Strategy<CompletionStage<Object>> s = Invoke.instance();
        for (Layer layer : Layer.INSIDE_OUT) {
            if (present(layer)) {
                s = hooks.outsideStaged(layer, staged(layer, hooks.insideStaged(layer, s)));
            }
        }
        return observation == null ? s : observation.observeStaged(s);
    }

    private boolean present(Layer layer) {
        GuardPolicy p = policy;
        return switch (layer) {
            case FALLBACK -> p.fallback() != null;
            case RETRY -> p.retry() != null;
            case CIRCUIT_BREAKER -> p.breaker() != null;
            case RATE_LIMIT -> p.rateLimit() != null;
            case TIMEOUT -> p.timeout() != null;
            case BULKHEAD -> p.bulkhead() != null;
            case ADAPTIVE_BULKHEAD -> p.adaptiveBulkhead() != null;
            case ASYNC_OFFLOAD -> p.asynchronous();
        };
    }

    private Strategy<Object> sync(Layer layer, Strategy<Object> next) {
        GuardPolicy p = policy;
        return switch (layer) {
            case FALLBACK -> new FallbackStrategy<>(next, p.name(), fallback(), listener, p.failures(),
                    engine.clock(), timesFallbacks());
            case RETRY -> new RetryStrategy<>(next, p.name(), p.retry(), retryBudget(), engine.clock(), listener,
                    () -> ThreadLocalRandom.current().nextDouble(), p.failures());
            case CIRCUIT_BREAKER -> p.keyedBreaker()
                    ? new KeyedCircuitBreakerStrategy<>(next, p.name(), family(), p.breakerKey(), engine.clock(),
                            listener, p.failures())
                    : new CircuitBreakerStrategy<>(next, p.name(), breaker(), engine.clock(), listener, p.failures());
            case RATE_LIMIT -> {
                if (p.rateLimitName() != null) {
                    SharedRateLimiter shared = rateLimiter();
                    bindRateLimit(() -> shared.available(engine.clock().nanoTime()));
                    yield new RateLimitStrategy<>(next, p.name(), shared, engine.clock(), listener);
                }
                AtomicReference<RateLimitStrategy<Object>> current = new AtomicReference<>();
                Strategy<Object> s = engine.stateful(() -> {
                    RateLimitStrategy<Object> r = new RateLimitStrategy<>(next, p.name(), p.rateLimit(),
                            engine.clock(), listener);
                    current.set(r);
                    return r;
                });
                bindRateLimit(() -> current.get().available());
                yield s;
            }
            case TIMEOUT -> new TimeoutStrategy<>(next, p.name(), p.timeout(), engine.clock(), engine.timer(),
                    listener);
            case BULKHEAD -> {
                AtomicReference<BulkheadStrategy<Object>> current = new AtomicReference<>();
                Strategy<Object> s = engine.stateful(() -> {
                    BulkheadStrategy<Object> b = new BulkheadStrategy<>(next, p.name(), p.bulkhead(), engine.timer(),
                            listener);
                    current.set(b);
                    return b;
                });
                bindBulkhead(() -> current.get().running(), () -> current.get().queued());
                yield s;
            }
            case ADAPTIVE_BULKHEAD -> {
                AtomicReference<AdaptiveBulkheadStrategy<Object>> current = new AtomicReference<>();
                Strategy<Object> s = engine.stateful(() -> {
                    AdaptiveBulkheadStrategy<Object> b = new AdaptiveBulkheadStrategy<>(next, p.name(),
                            p.adaptiveBulkhead(), engine.clock(), listener);
                    current.set(b);
                    return b;
                });
                bindAdaptive(() -> current.get().limit().limit(), () -> current.get().limit().inflight());
                yield s;
            }
            // GuardPolicy admits no asynchronous operation that does not return a stage.
            case ASYNC_OFFLOAD -> throw new IllegalStateException(p.name() + ": asynchronous but not staged");
        };
    }

    private Strategy<CompletionStage<Object>> staged(Layer layer, Strategy<CompletionStage<Object>> next) {
        GuardPolicy p = policy;
        return switch (layer) {
            case FALLBACK -> new AsyncFallbackStrategy<>(next, p.name(), fallback(), listener, p.failures(),
                    engine.clock(), timesFallbacks());
            case RETRY -> new AsyncRetryStrategy<>(next, p.name(), p.retry(), retryBudget(), engine.clock(),
                    engine.timer(), engine.lazyExecutor(), listener, () -> ThreadLocalRandom.current().nextDouble(),
                    p.failures());
            case CIRCUIT_BREAKER -> p.keyedBreaker()
                    ? new AsyncKeyedCircuitBreakerStrategy<>(next, p.name(), family(), p.breakerKey(), engine.clock(),
                            listener, p.failures())
                    : new AsyncCircuitBreakerStrategy<>(next, p.name(), breaker(), engine.clock(), listener,
                            p.failures());
            case RATE_LIMIT -> {
                if (p.rateLimitName() != null) {
                    SharedRateLimiter shared = rateLimiter();
                    bindRateLimit(() -> shared.available(engine.clock().nanoTime()));
                    yield new AsyncRateLimitStrategy<>(next, p.name(), shared, engine.clock(), listener);
                }
                AtomicReference<AsyncRateLimitStrategy<Object>> current = new AtomicReference<>();
                Strategy<CompletionStage<Object>> s = engine.stateful(() -> {
                    AsyncRateLimitStrategy<Object> r = new AsyncRateLimitStrategy<>(next, p.name(), p.rateLimit(),
                            engine.clock(), listener);
                    current.set(r);
                    return r;
                });
                bindRateLimit(() -> current.get().available());
                yield s;
            }
            case TIMEOUT -> new AsyncTimeoutStrategy<>(next, p.name(), p.timeout(), engine.clock(), engine.timer(),
                    listener);
            case BULKHEAD -> {
                AtomicReference<AsyncBulkheadStrategy<Object>> current = new AtomicReference<>();
                Strategy<CompletionStage<Object>> s = engine.stateful(() -> {
                    AsyncBulkheadStrategy<Object> b = new AsyncBulkheadStrategy<>(next, p.name(), p.bulkhead(),
                            engine.lazyExecutor(), listener);
                    current.set(b);
                    return b;
                });
                bindBulkhead(() -> current.get().running(), () -> current.get().queued());
                yield s;
            }
            case ADAPTIVE_BULKHEAD -> {
                AtomicReference<AsyncAdaptiveBulkheadStrategy<Object>> current = new AtomicReference<>();
                Strategy<CompletionStage<Object>> s = engine.stateful(() -> {
                    AsyncAdaptiveBulkheadStrategy<Object> b = new AsyncAdaptiveBulkheadStrategy<>(next, p.name(),
                            p.adaptiveBulkhead(), engine.clock(), listener);
                    current.set(b);
                    return b;
                });
                bindAdaptive(() -> current.get().limit().limit(), () -> current.get().limit().inflight());
                yield s;
            }
            case ASYNC_OFFLOAD -> new AsyncOffloadStrategy<>(next, engine.lazyExecutor(), engine.threadContext());
        };
    }

    /** An observed operation's fallback functions mark the calls they answer. */
    private FallbackPolicy fallback() {
        return observation == null ? policy.fallback() : observation.fallback(policy.fallback());
    }

    /**
     * Whether the fallback reads the clock at the start of every call: only when its answers carry the event
     * ({@code Degraded}) or a listener shows the event to someone (a CDI observer); an observed operation's invocation
     * carries its start anyway, and nobody else needs the time.
     */
    private boolean timesFallbacks() {
        return policy.fallback().flagsAnswers() || listener.timesFallbacks();
    }

    /** The registry's breaker of that name, created with the policy when it is the first to name it. */
    private Breaker breaker() {
        return engine.breaker(policy.breakerName(), policy.breaker());
    }

    /**
     * The registry's limiter of that name, created when it is the first to name it; the registry rebuilds it for test
     * support, so it does not go through {@link Engine#stateful}.
     */
    private SharedRateLimiter rateLimiter() {
        return engine.rateLimiter(policy.rateLimitName(), policy.rateLimit());
    }

    /** The registry's keyed breaker of that name, created with the policies when it is the first to name it. */
    private BreakerFamily family() {
        return engine.breakers().getOrCreateFamily(policy.breakerName(), policy.breaker(), policy.breakerKeys());
    }

    /** The registry's retry budget of that name, or {@code null} without one. */
    private RetryBudget retryBudget() {
        return policy.retryBudget() == null ? null
                : engine.retryBudgets().getOrCreate(policy.retryBudgetName(), policy.retryBudget());
    }

    /** An observed operation's bulkhead view reads the live limit and calls in flight of an adaptive bulkhead. */
    private void bindAdaptive(IntSupplier limit, IntSupplier inUse) {
        if (observation != null) {
            observation.adaptiveBulkhead(limit, inUse);
        }
    }

    /** An observed operation's rate-limit view reads the permits left in whichever limiter is current. */
    private void bindRateLimit(IntSupplier available) {
        if (observation != null) {
            observation.rateLimit(available);
        }
    }

    /** An observed operation's bulkhead view reads the counts of whichever bulkhead is current. */
    private void bindBulkhead(IntSupplier running, IntSupplier queued) {
        if (observation != null) {
            observation.bulkhead(running, queued);
        }
    }
}
