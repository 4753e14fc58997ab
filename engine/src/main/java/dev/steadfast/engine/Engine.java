package dev.steadfast.engine;

import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.engine.async.AsyncExecutors;
import dev.steadfast.engine.async.ThreadContext;
import dev.steadfast.engine.breaker.BreakerHealth;
import dev.steadfast.engine.breaker.BreakerRegistry;
import dev.steadfast.engine.health.ComponentChecks;
import dev.steadfast.engine.health.EngineHealth;
import dev.steadfast.engine.observe.Observation;
import dev.steadfast.engine.observe.Observers;
import dev.steadfast.engine.time.Clock;
import dev.steadfast.engine.time.SystemClock;
import dev.steadfast.engine.time.ThreadTimer;
import dev.steadfast.engine.time.TimeSource;
import dev.steadfast.engine.time.Timer;
import dev.steadfast.spi.GuardObserver;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The services every strategy chain of one application shares (clock, timer, executor, listener) and the builder of
 * those chains. Threads are started only when first needed; {@link #close()} stops the ones this engine started.
 *
 * <p>Chains are assembled by {@link ChainAssembly}, which states their order once: Fallback, Retry, CircuitBreaker,
 * RateLimit, Timeout, Bulkhead, asynchronous offload, the body.
 */
public final class Engine implements AutoCloseable {

    private final Clock clock;
    private final Timer timer;
    private final Supplier<Executor> executorSupplier;
    private final EngineListener listener;
    private final ThreadContext threadContext;
    private final Runnable onClose;
    private final BreakerRegistry breakers;
    private final EngineHealth health;
    /** The hook this engine was created under, or {@code null} (then bulkheads and rate limits are not rebuilt). */
    private final EngineHook hook;
    /** Bulkheads and rate limits that {@link #reset()} rebuilds; only under a hook, else {@code null}. */
    private final List<Rebuildable<?>> rebuildable;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Observers observers;
    private volatile Executor executor;

    /**
     * @param clock     the time source
     * @param timer     runs timeouts and delayed retries
     * @param executor  supplies, when first needed, the executor for asynchronous work
     * @param listener  hears every event of every chain, on this engine's clock ({@link EngineListener#onClock})
     * @param context   prepares executor threads for asynchronous bodies
     * @param onClose   what {@link #close()} does beyond this engine's own resources
     */
    public Engine(Clock clock, Timer timer, Supplier<Executor> executor, EngineListener listener,
            ThreadContext context, Runnable onClose) {
        this(clock, timer, executor, listener, context, onClose, null);
    }

    private Engine(Clock clock, Timer timer, Supplier<Executor> executor, EngineListener listener,
            ThreadContext context, Runnable onClose, EngineHook hook) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.executorSupplier = Objects.requireNonNull(executor, "executor");
        this.listener = Objects.requireNonNull(listener, "listener").onClock(this.clock);
        this.threadContext = Objects.requireNonNull(context, "context");
        this.onClose = Objects.requireNonNull(onClose, "onClose");
        this.observers = new Observers(clock);
        this.breakers = new BreakerRegistry(clock, timer, observers.forBreakers(listener));
        this.health = new EngineHealth(new BreakerHealth(breakers),
                new ComponentChecks(this.clock, this.timer, this::executor, this.threadContext));
        this.hook = hook;
        this.rebuildable = hook == null ? null : new CopyOnWriteArrayList<>();
    }

    /** The real clock, one shared timer thread and the default asynchronous executor. */
    public static Engine create(EngineListener listener) {
        return create(listener, () -> null, ThreadContext.NONE);
    }

    /**
     * The real clock and one shared timer thread; asynchronous work runs on the executor {@code preferred} supplies
     * when first needed, or, when it supplies {@code null}, on the engine's own (virtual threads on Java 21+, else a
     * bounded pool).
     *
     * <p>When an {@link EngineHook} is installed on the calling thread (test support), the engine takes its clock and
     * timer from the hook (when it offers them), can {@linkplain #reset() reset} every bulkhead and rate limit too,
     * and tells the hook when it is created and closed.
     */
    public static Engine create(EngineListener listener, Supplier<Executor> preferred, ThreadContext context) {
        EngineHook hook = EngineHooks.current();
        TimeSource time = hook == null ? null : hook.time();
        ThreadTimer ownTimer = time == null ? new ThreadTimer("steadfast-timer") : null;
        AsyncExecutors executors = new AsyncExecutors();
        Supplier<Executor> executor = () -> {
            Executor e = preferred.get();
            return e != null ? e : executors.executor();
        };
        Engine engine = new Engine(time == null ? SystemClock.INSTANCE : time.clock(),
                time == null ? ownTimer : time.timer(), executor, listener, context, () -> {
                    if (ownTimer != null) {
                        ownTimer.shutdown();
                    }
                    executors.shutdown();
                }, hook);
        if (hook != null) {
            hook.created(engine);
        }
        return engine;
    }

    public Clock clock() {
        return clock;
    }

    public Timer timer() {
        return timer;
    }

    public EngineListener listener() {
        return listener;
    }

    /** Every circuit breaker of this engine. */
    public BreakerRegistry breakers() {
        return breakers;
    }

    /** Health as this engine's breakers see it, with its registered component checks beside them. */
    public EngineHealth health() {
        return health;
    }

    /**
     * Puts every circuit breaker back to CLOSED with an empty window and cleared counters. For an engine created
     * under an {@link EngineHook}, also replaces every bulkhead and rate limit by a fresh one (all permits free, a
     * new window from now); calls in flight finish on the old ones. Otherwise bulkheads and rate limits are left
     * alone: their state is the calls actually running and admitted.
     */
    public void reset() {
        breakers.all().forEach(CircuitBreakerHandle::reset);
        if (rebuildable != null) {
            rebuildable.forEach(Rebuildable::rebuild);
        }
    }

    /** A bulkhead or rate limit built by {@code factory}; rebuildable by {@link #reset()} under a hook. */
    <V> Strategy<V> stateful(Supplier<Strategy<V>> factory) {
        if (rebuildable == null) {
            return factory.get();
        }
        Rebuildable<V> r = new Rebuildable<>(factory);
        rebuildable.add(r);
        return r;
    }

    /**
     * Adds observers (metrics, tracing). Operations built afterwards are offered to them; chains built before stay
     * unobserved. Without observers, or for an operation none is interested in, {@link #build} builds exactly the
     * chain it builds without them.
     */
    public void observe(Collection<? extends GuardObserver> more) {
        observers.add(more);
    }

    /** The asynchronous executor, obtained from the supplier on first use. */
    public Executor executor() {
        Executor e = executor;
        if (e == null) {
            synchronized (this) {
                e = executor;
                if (e == null) {
                    e = Objects.requireNonNull(executorSupplier.get(), "executor");
                    executor = e;
                }
            }
        }
        return e;
    }

    /** An executor that resolves {@link #executor()} on its first task, so building a chain starts no thread. */
    Executor lazyExecutor() {
        return task -> executor().execute(task);
    }

    /** What prepares executor threads for asynchronous bodies. */
    ThreadContext threadContext() {
        return threadContext;
    }

    /**
     * Builds the chain for one operation, in the order {@link ChainAssembly.Layer} states. For
     * {@link GuardPolicy#returnsStage()} operations, the returned strategy takes and returns {@code CompletionStage}s
     * (typed as {@code Object}). A named circuit breaker is created in {@link #breakers()} or, when it exists, shared.
     * When an {@linkplain #observe observer} is interested in the operation, the chain is wrapped in an observing
     * strategy and its strategies also announce to the observer.
     *
     * @throws IllegalArgumentException when the breaker exists with another policy
     */
    public Strategy<Object> build(GuardPolicy policy) {
        return build(policy, ChainAssembly.Hooks.NONE);
    }

    /**
     * Builds the chain for one operation as {@link #build(GuardPolicy)} does, with a front end's additions around or
     * inside its layers.
     *
     * @throws IllegalArgumentException when the breaker exists with another policy
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Strategy<Object> build(GuardPolicy policy, ChainAssembly.Hooks hooks) {
        Observation o = null;
        if (!observers.isEmpty()) {
            o = observers.observe(policy, policy.breaker() == null ? null
                    : breakers.getOrCreate(policy.breakerName(), policy.breaker()), listener);
        }
        ChainAssembly assembly = new ChainAssembly(this, policy, hooks, o);
        if (policy.returnsStage()) {
            Strategy<CompletionStage<Object>> s = assembly.staged();
            return (Strategy) s;
        }
        return assembly.sync();
    }

    /** Closes the observers, stops the threads this engine started and tells its hook, if any. Idempotent. */
    @Override
    public void close() {
        try {
            health.checks().close();
            observers.close();
        } finally {
            try {
                onClose.run();
            } finally {
                if (hook != null && closed.compareAndSet(false, true)) {
                    hook.closed(this);
                }
            }
        }
    }
}
