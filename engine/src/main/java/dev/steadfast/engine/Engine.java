package dev.steadfast.engine;

import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.engine.async.AsyncExecutors;
import dev.steadfast.engine.async.ThreadContext;
import dev.steadfast.Scope;
import dev.steadfast.engine.breaker.Breaker;
import dev.steadfast.engine.breaker.BreakerHealth;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.breaker.BreakerRegistry;
import dev.steadfast.engine.health.ComponentChecks;
import dev.steadfast.engine.health.EngineHealth;
import dev.steadfast.engine.cluster.ClusterRuntime;
import dev.steadfast.engine.cluster.ClusterSetup;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;
import dev.steadfast.engine.ratelimit.RateLimiterRegistry;
import dev.steadfast.engine.ratelimit.SharedRateLimiter;
import dev.steadfast.engine.observe.Observation;
import dev.steadfast.engine.observe.Observers;
import dev.steadfast.engine.retry.RetryBudgetRegistry;
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
 * those chains. Each application has its own engine (a CDI container creates one; programmatic guards outside a
 * container get one per class loader, see {@link Engines}), so two applications never share breakers, threads or
 * class loaders. Threads are started only when first needed and carry nothing of the application's (see
 * {@link SteadfastThreads}); {@link #close()} completes every call still pending with a
 * {@link dev.steadfast.FaultToleranceException} saying that the application is stopping, and stops the threads this
 * engine started.
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
    private final RateLimiterRegistry rateLimiters = new RateLimiterRegistry();
    private final ClusterRuntime cluster;
    private final AtomicBoolean warnedClusterOff = new AtomicBoolean();
    private final EngineHealth health;
    private final RetryBudgetRegistry retryBudgets;
    /** The hook this engine was created under, or {@code null} (then bulkheads and rate limits are not rebuilt). */
    private final EngineHook hook;
    /** Bulkheads and rate limits that {@link #reset()} rebuilds; only under a hook, else {@code null}. */
    private final List<Rebuildable<?>> rebuildable;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Observers observers;
    private final PendingCalls pending = new PendingCalls();
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
        this(clock, timer, executor, listener, context, onClose, null, null);
    }

    /** @param handOff runs work that may run user code off Steadfast's threads; {@code null}: the executor */
    private Engine(Clock clock, Timer timer, Supplier<Executor> executor, EngineListener listener,
            ThreadContext context, Runnable onClose, EngineHook hook, Executor handOff) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.executorSupplier = Objects.requireNonNull(executor, "executor");
        this.listener = Objects.requireNonNull(listener, "listener").onClock(this.clock);
        this.threadContext = Objects.requireNonNull(context, "context");
        this.onClose = Objects.requireNonNull(onClose, "onClose");
        this.observers = new Observers(clock);
        // Fleet transitions reach application listeners: on the hand-off executor of a production engine (which never
        // chooses the application's executor on a thread of ours), else on this engine's asynchronous executor.
        ClusterRuntime fleet = new ClusterRuntime(clock, timer, handOff != null ? () -> handOff : this::executor);
        this.cluster = fleet;
        // A breaker that leaves the registry is forgotten by the observers and, if fleet-wide, by the fleet.
        this.breakers = new BreakerRegistry(clock, timer, observers.forBreakers(listener), b -> {
            observers.forget(b);
            fleet.detach(b);
        });
        this.health = new EngineHealth(new BreakerHealth(breakers, cluster::status),
                new ComponentChecks(this.clock, this.timer, this::executor, this.threadContext));
        this.retryBudgets = new RetryBudgetRegistry(clock);
        this.hook = hook;
        this.rebuildable = hook == null ? null : new CopyOnWriteArrayList<>();
    }

    /** The real clock, one shared timer thread and the default asynchronous executor. */
    public static Engine create(EngineListener listener) {
        return builder(listener).create();
    }

    /**
     * The real clock and one shared timer thread; asynchronous work runs on the executor {@code preferred} supplies
     * when first needed, or, when it supplies {@code null}, on the engine's own (virtual threads on Java 21+, else a
     * bounded pool). Bodies and timer work run with the calling thread's context class loader, the application's.
     *
     * @see Builder
     */
    public static Engine create(EngineListener listener, Supplier<Executor> preferred, ThreadContext context) {
        return builder(listener).executor(preferred).threadContext(context).create();
    }

    /** An engine on the real clock and its own timer thread, configured by the returned builder. */
    public static Builder builder(EngineListener listener) {
        return new Builder(listener);
    }

    /**
     * Configures a production engine. Every option has a default; {@link #create()} may be called once or more.
     *
     * <p>When an {@link EngineHook} is installed on the calling thread (test support), the engine takes its clock and
     * timer from the hook (when it offers them), can {@linkplain #reset() reset} every bulkhead and rate limit too,
     * and tells the hook when it is created and closed.
     */
    public static final class Builder {

        private final EngineListener listener;
        private Supplier<Executor> preferred = () -> null;
        private ThreadContext context = ThreadContext.NONE;
        private ClassLoader application = Thread.currentThread().getContextClassLoader();
        private int executorQueue = AsyncExecutors.defaultQueueCapacity();

        private Builder(EngineListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
        }

        /** Supplies, on the first asynchronous call, the executor for bodies; {@code null} for the engine's own. */
        public Builder executor(Supplier<Executor> preferred) {
            this.preferred = Objects.requireNonNull(preferred, "preferred");
            return this;
        }

        /** Prepares an executor thread for an asynchronous body (the CDI request context). */
        public Builder threadContext(ThreadContext context) {
            this.context = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * The application's class loader, the context class loader of asynchronous bodies and of the timer's work
         * while they run ({@code null}: leave the thread's own). Default: the creating thread's context class loader.
         */
        public Builder application(ClassLoader loader) {
            this.application = loader;
            return this;
        }

        /**
         * How many asynchronous calls may wait for a thread of the engine's own pool (Java 17 to 20, no executor
         * supplied); default {@value AsyncExecutors#QUEUE_PER_CORE} per core.
         */
        public Builder executorQueue(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("the executor's queue must hold at least 1 call: " + capacity);
            }
            this.executorQueue = capacity;
            return this;
        }

        public Engine create() {
            EngineHook hook = EngineHooks.current();
            TimeSource time = hook == null ? null : hook.time();
            AsyncExecutors executors = new AsyncExecutors(preferred, executorQueue);
            ClassLoader loader = application;
            Executor handOff = loader == null ? executors::handOff
                    : SteadfastThreads.withContextClassLoader(loader, executors::handOff);
            ThreadTimer ownTimer = time == null ? new ThreadTimer("steadfast-timer", handOff) : null;
            ThreadContext bodies = loader == null ? context : ThreadContext.withContextClassLoader(loader, context);
            Engine engine = new Engine(time == null ? SystemClock.INSTANCE : time.clock(),
                    time == null ? ownTimer : time.timer(), executors::executor, listener, bodies, () -> {
                        try {
                            if (ownTimer != null) {
                                ownTimer.shutdown();
                            }
                        } finally {
                            executors.shutdown();
                        }
                    }, hook, handOff);
            if (hook != null) {
                hook.created(engine);
            }
            return engine;
        }
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

    /** Every retry budget of this engine. */
    public RetryBudgetRegistry retryBudgets() {
        return retryBudgets;
    }

    /** Every registered rate limiter of this engine: named ones, and the CDI front end's per-method ones. */
    public RateLimiterRegistry rateLimiters() {
        return rateLimiters;
    }

    /** This application's part in its fleet: idle until a {@code CLUSTER} policy is built. */
    public ClusterRuntime cluster() {
        return cluster;
    }

    /**
     * Sets how {@code CLUSTER} policies reach the fleet (settings, backend config, beans); before the first chain is
     * built. Without it, an engine reads {@code steadfast.cluster.*} from system properties when it first needs to.
     */
    public void configureCluster(ClusterSetup setup) {
        cluster.configure(setup);
    }

    /** Health as this engine's breakers and its fleet see it, with its registered component checks beside them. */
    public EngineHealth health() {
        return health;
    }

    /**
     * The registry's breaker {@code name}, created with {@code policy} when first named; a {@code CLUSTER} one is
     * linked to the fleet.
     *
     * @throws IllegalArgumentException when it exists with another policy, or no cluster backend can be used
     */
    public Breaker breaker(String name, BreakerPolicy policy) {
        Breaker b = breakers.getOrCreate(name, policy);
        if (policy.scope() == Scope.CLUSTER && fleetWide(name)) {
            cluster.attach(b);
        }
        return b;
    }

    /**
     * The registry's rate limiter {@code name}, created for {@code policy} when first named: a fleet-wide one for
     * {@code CLUSTER}.
     *
     * @throws IllegalArgumentException when it exists with another policy, or no cluster backend can be used
     */
    public SharedRateLimiter rateLimiter(String name, RateLimitPolicy policy) {
        return rateLimiters.getOrCreate(name, policy, n -> {
            if (policy.scope() == Scope.CLUSTER && fleetWide(n)) {
                return SharedRateLimiter.fleetWide(n, policy, demand -> cluster.limiter(n, policy, demand), clock);
            }
            return SharedRateLimiter.local(n, policy, clock);
        });
    }

    /** Whether {@code CLUSTER} policies are fleet-wide; when switched off, says so once. */
    private boolean fleetWide(String name) {
        if (cluster.enabled()) {
            return true;
        }
        if (warnedClusterOff.compareAndSet(false, true)) {
            System.getLogger("dev.steadfast").log(System.Logger.Level.WARNING, () -> "steadfast.cluster.enabled=false:"
                    + " CLUSTER rate limits and breakers (first: '" + name + "') decide on each instance alone");
        }
        return false;
    }

    /**
     * Puts every circuit breaker back to CLOSED with an empty window and cleared counters. For an engine created
     * under an {@link EngineHook}, also replaces every bulkhead and rate limit by a fresh one (all permits free, a
     * new window from now; every retry budget back to its reserve); calls in flight finish on the old ones.
     * Otherwise bulkheads, rate limits and retry budgets are left alone: their state is the calls actually running
     * and admitted. Keyed breakers forget every key.
     */
    public void reset() {
        breakers.all().forEach(CircuitBreakerHandle::reset);
        breakers.resetFamilies();
        if (rebuildable != null) {
            rebuildable.forEach(Rebuildable::rebuild);
            rateLimiters.rebuildAll();
            retryBudgets.reset();
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
            if (policy.keyedBreaker()) {
                observers.offerFamily(breakers.getOrCreateFamily(policy.breakerName(), policy.breaker(),
                        policy.breakerKeys()));
            }
            o = observers.observe(policy, policy.breaker() == null || policy.keyedBreaker() ? null
                    : breaker(policy.breakerName(), policy.breaker()), listener);
        }
        ChainAssembly assembly = new ChainAssembly(this, policy, hooks, o);
        if (policy.returnsStage()) {
            Strategy<CompletionStage<Object>> s = assembly.staged();
            return (Strategy) pending.track(policy.name(), s); // so that close() leaves no caller waiting
        }
        return assembly.sync();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Stops the engine with its application. Scheduled component checks stop starting runs (a run under way ends on
     * its own); every call whose caller still waits on a stage completes exceptionally with a
     * {@link dev.steadfast.FaultToleranceException} saying that the application is stopping (its callbacks run on
     * the calling thread), and the work behind it is cancelled; then the fleet-wide leases are returned and the fleet
     * is left, the observers are closed, the timer drops its pending actions and stops, and the engine's own executor
     * stops (running bodies are interrupted, queued ones dropped). Finally the hook, if any, is told. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            health.checks().close(); // no scheduled check starts a run from now on
        } finally {
            try {
                pending.stop();
            } finally {
                closeFleetAndThreads();
            }
        }
    }

    private void closeFleetAndThreads() {
        try {
            cluster.close();
        } catch (RuntimeException e) {
            System.getLogger("dev.steadfast").log(System.Logger.Level.WARNING, "Leaving the fleet failed", e);
        } finally {
            try {
                observers.close();
            } finally {
                try {
                    onClose.run();
                } finally {
                    if (hook != null) {
                        hook.closed(this);
                    }
                }
            }
        }
    }
}
