package dev.steadfast.engine.cluster;

import dev.steadfast.ClusterStatus;
import dev.steadfast.engine.breaker.Breaker;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;
import dev.steadfast.engine.ratelimit.RateLimiter;
import dev.steadfast.engine.time.Clock;
import dev.steadfast.engine.time.Timer;
import dev.steadfast.internal.TimeFormat;
import dev.steadfast.spi.cluster.BreakerSummary;
import dev.steadfast.spi.cluster.ClusterBackend;
import dev.steadfast.spi.cluster.ClusterBackendProvider;
import dev.steadfast.spi.cluster.ClusterContext;
import dev.steadfast.spi.cluster.ClusterListener;
import dev.steadfast.spi.cluster.FleetState;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One application's part in its fleet: the connection to the cluster backend, the exchange that keeps the fleet-wide
 * rate limits' leases and the fleet-wide breakers' summaries and decisions, and the fallback to local decisions when
 * the backend is lost. Created with the engine; starts nothing until the first {@code CLUSTER} policy is built.
 *
 * <h2>Threads</h2>
 * Calls never come here: a fleet-wide limiter admits from permits it holds, a fleet-wide breaker decides on its own
 * state, and both only <em>note</em> what the exchange should do ({@link #execute}). The exchange runs on one
 * {@link ClusterWorker} ({@code steadfast-cluster}): every field below not marked otherwise is touched by that thread
 * alone, so nothing here needs a lock. The backend's threads only complete stages and queue what they heard; the
 * engine's timer only queues the periodic tick. Fleet transitions, which reach application listeners, are applied on
 * the hand-off executor, never on the worker.
 *
 * <h2>Phases</h2>
 * {@code IDLE} (no {@code CLUSTER} policy yet), {@code JOINING} (the backend is being opened), {@code CONNECTED},
 * {@code DEGRADED} (the backend is lost or never answered: every {@code CLUSTER} policy decides locally, a limiter
 * admitting {@code value / last known members}; probed every {@code probe-interval} until it answers), {@code CLOSED}.
 * The backend counts as lost when it says so, when any operation fails, or when any operation has not answered within
 * {@code request-timeout} (checked at every tick): within {@code request-timeout + interval} (750 ms by default).
 */
public final class ClusterRuntime implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.steadfast");

    enum Phase { IDLE, JOINING, CONNECTED, DEGRADED, CLOSED }

    private final Clock clock;
    private final Timer timer;
    private final Supplier<Executor> defaultHandOff;
    private volatile ClusterSetup setup;
    /** Read by calls (through {@link #connected()}) and operators; written by the worker and by start/close. */
    private volatile Phase phase = Phase.IDLE;
    /** Wall-clock epoch nanos minus the clock's monotonic reading: turns fleet times into local ones. */
    private volatile long offsetNanos;
    /** The members last heard of, at least 1; what a limiter's local share divides by. */
    private volatile int members = 1;
    private final CountDownLatch joined = new CountDownLatch(1);

    // Set once by start(), before the worker runs anything.
    private ClusterSettings settings;
    private ClusterBackendProvider provider;
    private ClusterWorker worker;
    private Executor handOff;
    private Context context;
    private long intervalNanos;
    private long requestTimeoutNanos;
    private long probeIntervalNanos;

    private final List<FleetLimiter> limiters = new CopyOnWriteArrayList<>();
    private final Map<String, FleetBreaker> breakers = new ConcurrentHashMap<>();

    // Worker-confined.
    private ClusterBackend backend;
    private final ArrayDeque<Op> pending = new ArrayDeque<>();
    /** Changes whenever the connection does; an answer from an older connection is ignored. */
    private long connection;
    private long lastProbe;
    private long lastHeartbeat = Long.MIN_VALUE;
    private boolean heartbeatOut;
    private boolean probing;
    private boolean everConnected;
    /** Whether the current loss has been logged: once per outage. */
    private boolean outageLogged;
    private double rttNanos;
    private Timer.Task tick;

    /**
     * @param clock          the engine's clock (a test's virtual one too)
     * @param timer          the engine's timer: it only queues the exchange's tick on the worker
     * @param defaultHandOff the engine's asynchronous executor, resolved when first needed: applies fleet transitions
     */
    public ClusterRuntime(Clock clock, Timer timer, Supplier<Executor> defaultHandOff) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.defaultHandOff = Objects.requireNonNull(defaultHandOff, "defaultHandOff");
        this.offsetNanos = WallOffset.measure(clock, 0, true);
    }

    /** Sets how this application takes part in its fleet; before the first {@code CLUSTER} policy is built. */
    public void configure(ClusterSetup value) {
        this.setup = Objects.requireNonNull(value, "setup");
    }

    /** Whether {@code CLUSTER} policies are fleet-wide here ({@code steadfast.cluster.enabled}). */
    public boolean enabled() {
        return setup().settings().enabled();
    }

    /** The status health reports: {@code LOCAL} before any {@code CLUSTER} policy, then connected or degraded. */
    public ClusterStatus status() {
        Phase p = phase;
        return switch (p) {
            case IDLE -> ClusterStatus.LOCAL;
            case CONNECTED -> ClusterStatus.CONNECTED;
            default -> ClusterStatus.DEGRADED;
        };
    }

    /** This member's id, once started. */
    public String memberId() {
        return setup().settings().memberId();
    }

    /** The members last heard of. */
    public int members() {
        return members;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Building: the engine's chains ask for fleet-wide limiters and link fleet-wide breakers

    /**
     * The fleet-wide limiter {@code name} for {@code policy} ({@code FIXED} or {@code SMOOTH}), starting the exchange
     * if this is the first {@code CLUSTER} policy.
     *
     * @param demand the limiter's calls so far (admitted and rejected), which sizes its leases
     * @throws IllegalArgumentException when no cluster backend can be used (none, or several and none chosen)
     */
    public RateLimiter limiter(String name, RateLimitPolicy policy, java.util.function.LongSupplier demand) {
        start(name);
        FleetLimiter l = switch (policy.type()) {
            case FIXED -> new ClusterQuota(name, policy, this, demand);
            case SMOOTH -> new ClusterBucket(name, policy, this, demand);
            case ROLLING -> throw new IllegalArgumentException("Rate limiter '" + name
                    + "': ROLLING cannot be CLUSTER-wide");
        };
        limiters.add(l);
        if (phase == Phase.CONNECTED) {
            worker.execute(l::rejoin);
        }
        return (RateLimiter) l;
    }

    /**
     * Links the fleet-wide breaker {@code breaker} to the fleet (once per breaker), starting the exchange if this is
     * the first {@code CLUSTER} policy.
     *
     * @throws IllegalArgumentException when no cluster backend can be used
     */
    public void attach(Breaker breaker) {
        start(breaker.name());
        breakers.compute(breaker.name(), (n, existing) -> {
            if (existing != null && existing.breaker() == breaker) {
                return existing;
            }
            if (existing != null) {
                existing.detach(); // a breaker of that name that left the registry unnoticed: this one replaces it
            }
            FleetBreaker f = new FleetBreaker(breaker, this, new SerialExecutor(task -> handOff.execute(task)));
            breaker.link(f);
            worker.execute(f::rejoin);
            return f;
        });
    }

    /**
     * Unlinks {@code breaker}, which left the registry (its last guard closed, or an operator removed it): the fleet
     * forgets it here, and a new breaker of its name is linked afresh. Does nothing for a breaker never attached.
     */
    public void detach(Breaker breaker) {
        breakers.computeIfPresent(breaker.name(), (n, f) -> {
            if (f.breaker() != breaker) {
                return f;
            }
            f.detach();
            return null;
        });
    }

    private ClusterSetup setup() {
        ClusterSetup s = setup;
        if (s == null) {
            synchronized (this) {
                if (setup == null) {
                    setup = ClusterSetup.standalone();
                }
                s = setup;
            }
        }
        return s;
    }

    /** Chooses the backend, starts the worker and opens the backend, then waits up to the join timeout. */
    private void start(String forWhat) {
        boolean first = false;
        synchronized (this) {
            if (phase == Phase.CLOSED) {
                throw new IllegalStateException("The application is stopping; '" + forWhat + "' cannot join its fleet");
            }
            if (phase == Phase.IDLE) {
                ClusterSetup s = setup();
                settings = s.settings();
                provider = choose(s, forWhat);
                intervalNanos = settings.interval().toNanos();
                requestTimeoutNanos = settings.requestTimeout().toNanos();
                probeIntervalNanos = settings.probeInterval().toNanos();
                members = settings.expectedMembers();
                // The engine's executor is resolved at the first transition, not now: starting the exchange starts
                // no executor.
                handOff = s.handOff() != null ? s.handOff() : task -> defaultHandOff.get().execute(task);
                worker = s.worker() != null ? s.worker().get() : new ThreadWorker("steadfast-cluster");
                context = new Context(s);
                phase = Phase.JOINING;
                first = true;
                worker.execute(this::open);
                armTick();
            }
        }
        if (first) {
            long wait = settings.joinTimeout().toNanos();
            try {
                if (wait > 0 && !joined.await(wait, TimeUnit.NANOSECONDS)) {
                    LOG.log(Level.WARNING, () -> "Steadfast's cluster backend '" + provider.name() + "' did not answer"
                            + " within " + TimeFormat.format(settings.joinTimeout()) + "; fleet-wide rate limits and"
                            + " breakers decide locally until it does");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ClusterBackendProvider choose(ClusterSetup s, String forWhat) {
        List<ClusterBackendProvider> found = s.providers();
        List<String> names = found.stream().map(ClusterBackendProvider::name).collect(Collectors.toList());
        String wanted = s.settings().backend();
        if (wanted != null) {
            for (ClusterBackendProvider p : found) {
                if (wanted.equalsIgnoreCase(p.name())) {
                    return p;
                }
            }
            throw new IllegalArgumentException("'" + forWhat + "' is CLUSTER-wide and steadfast.cluster.backend names '"
                    + wanted + "', but the cluster backends on the classpath are " + names);
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("'" + forWhat + "' is CLUSTER-wide, but no cluster backend is on the"
                    + " classpath; add steadfast-hazelcast or steadfast-redis, or set steadfast.cluster.enabled=false"
                    + " to let each instance decide alone");
        }
        if (found.size() > 1) {
            throw new IllegalArgumentException("'" + forWhat + "' is CLUSTER-wide and several cluster backends are on"
                    + " the classpath, " + names + "; choose one with steadfast.cluster.backend");
        }
        return found.get(0);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // For limiters and breakers

    /** Whether the backend answers now: fleet rules apply. Any thread. */
    boolean connected() {
        return phase == Phase.CONNECTED;
    }

    /** Queues {@code task} on the worker; any thread, returns at once. Dropped once closed. */
    void execute(Runnable task) {
        ClusterWorker w = worker;
        if (w != null && phase != Phase.CLOSED) {
            w.execute(task);
        }
    }

    /** Runs {@code task} on the worker after {@code delayNanos}: the timer only queues it. */
    void later(long delayNanos, Runnable task) {
        try {
            timer.schedule(delayNanos, () -> execute(task));
        } catch (RejectedExecutionException stopping) {
            // the application stops
        }
    }

    Clock clock() {
        return clock;
    }

    ClusterBackend backend() {
        return backend;
    }

    String member() {
        return settings.memberId();
    }

    long intervalNanos() {
        return intervalNanos;
    }

    /** A refill's round trip: measured, at least 1 ms. Worker. */
    long rttNanos() {
        return Math.max(1_000_000L, (long) rttNanos);
    }

    /** The fleet-wide limiters built so far (for tests). */
    List<FleetLimiter> limiters() {
        return List.copyOf(limiters);
    }

    /** Wall-clock epoch nanoseconds minus the clock's reading. Any thread. */
    long offsetNanos() {
        return offsetNanos;
    }

    /** The wall-clock time now, epoch nanoseconds, as this member's clock says. Any thread. */
    long wallNanos() {
        return clock.nanoTime() + offsetNanos;
    }

    /** The local clock reading at which the fleet's {@code epochNanos} falls. Any thread. */
    long localNanos(long epochNanos) {
        return epochNanos - offsetNanos;
    }

    /**
     * Starts a tracked operation on the backend (worker only): {@code onAnswer} runs on the worker with its answer;
     * a failure, or no answer within the request timeout, makes the backend lost and runs {@code onLost} instead. An
     * answer from before the connection changed is ignored.
     */
    <T> void call(Supplier<CompletionStage<T>> operation, Consumer<? super T> onAnswer, Runnable onLost) {
        if (phase != Phase.CONNECTED) {
            onLost.run();
            return;
        }
        Op op = new Op(clock.nanoTime(), connection, onLost);
        pending.add(op);
        CompletionStage<T> stage;
        try {
            stage = operation.get();
        } catch (RuntimeException | LinkageError e) {
            op.done = true;
            onLost.run();
            lost(e);
            return;
        }
        stage.whenComplete((answer, failure) -> execute(() -> {
            if (op.done || op.connection != connection) {
                return; // timed out, or from a connection since lost
            }
            op.done = true;
            if (failure != null) {
                lost(failure);
                return;
            }
            rttNanos = rttNanos == 0 ? clock.nanoTime() - op.started
                    : 0.8 * rttNanos + 0.2 * (clock.nanoTime() - op.started);
            onAnswer.accept(answer);
        }));
    }

    /** A tracked operation with nothing to clean up when lost. */
    <T> void call(Supplier<CompletionStage<T>> operation, Consumer<? super T> onAnswer) {
        call(operation, onAnswer, () -> { });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The worker's own work

    private void armTick() {
        try {
            tick = timer.schedule(intervalNanos, () -> execute(this::tick));
        } catch (RejectedExecutionException stopping) {
            // the timer stopped with the application
        }
    }

    private void tick() {
        if (phase == Phase.CLOSED) {
            return;
        }
        long now = clock.nanoTime();
        syncOffset();
        expire(now);
        if (phase == Phase.CONNECTED) {
            heartbeat(now);
        } else if (!probing && now - lastProbe >= probeIntervalNanos) {
            probe(now);
        }
        for (FleetLimiter l : limiters) {
            l.tick(now);
        }
        for (FleetBreaker b : breakers.values()) {
            b.tick(now);
        }
        armTick();
    }

    /** Follows the wall clock (it may be stepped while the application runs); see {@link WallOffset}. */
    private void syncOffset() {
        offsetNanos = WallOffset.measure(clock, offsetNanos, false);
    }

    /** Operations older than the request timeout mean the backend is lost. */
    private void expire(long now) {
        while (!pending.isEmpty() && pending.peek().done) {
            pending.poll();
        }
        Op oldest = pending.peek();
        if (oldest != null && now - oldest.started > requestTimeoutNanos) {
            lost(new TimeoutException("no answer within " + TimeFormat.format(settings.requestTimeout())));
        }
    }

    private void open() {
        if (phase == Phase.CLOSED) {
            return;
        }
        lastProbe = clock.nanoTime();
        probing = true;
        try {
            backend = provider.open(context);
        } catch (Exception | LinkageError e) {
            probing = false;
            lost(e);
            return;
        }
        probing = false;
        confirm();
    }

    /** While degraded: open the backend if it never opened, else ping it; an answer rejoins. */
    private void probe(long now) {
        lastProbe = now;
        if (backend == null) {
            open();
            return;
        }
        confirm();
    }

    /** A heartbeat answered by an open backend brings the member (back) into the fleet. */
    private void confirm() {
        long asked = clock.nanoTime();
        long conn = connection;
        probing = true;
        CompletionStage<Set<String>> stage;
        try {
            stage = backend.membership().heartbeat(membershipTtl());
        } catch (RuntimeException | LinkageError e) {
            probing = false;
            lost(e);
            return;
        }
        Op op = new Op(asked, conn, () -> { });
        stage.whenComplete((alive, failure) -> execute(() -> {
            if (op.done || conn != connection || phase == Phase.CLOSED) {
                return;
            }
            op.done = true;
            probing = false;
            if (failure != null) {
                lost(failure);
            } else {
                connected(alive);
            }
        }));
        // A probe that hangs is given up after the request timeout, so the next one can start.
        later(requestTimeoutNanos, () -> {
            if (!op.done && conn == connection) {
                op.done = true;
                probing = false;
                lost(new TimeoutException("no answer within " + TimeFormat.format(settings.requestTimeout())));
            }
        });
    }

    private void heartbeat(long now) {
        if (heartbeatOut || now - lastHeartbeat < intervalNanos) {
            return;
        }
        heartbeatOut = true;
        lastHeartbeat = now;
        call(() -> backend.membership().heartbeat(membershipTtl()), alive -> {
            heartbeatOut = false;
            membersAre(alive);
        }, () -> heartbeatOut = false);
    }

    private Duration membershipTtl() {
        return Duration.ofNanos(Math.max(4 * intervalNanos, 3_000_000_000L));
    }

    private void membersAre(Set<String> alive) {
        members = Math.max(1, alive == null ? 1 : alive.size());
    }

    private void connected(Set<String> alive) {
        boolean back = everConnected;
        phase = Phase.CONNECTED;
        everConnected = true;
        connection++;
        heartbeatOut = false;
        lastHeartbeat = clock.nanoTime();
        membersAre(alive);
        if (back) {
            LOG.log(Level.INFO, () -> "Steadfast reached its cluster backend '" + provider.name() + "' again: fleet-wide"
                    + " rate limits and breakers of '" + settings.application() + "' follow the fleet again ("
                    + members + " members)");
        } else {
            LOG.log(Level.INFO, () -> "Steadfast joined fleet '" + settings.application() + "' through cluster backend '"
                    + provider.name() + "' as member " + settings.memberId() + " (" + members + " members)");
        }
        outageLogged = false;
        joined.countDown();
        for (FleetLimiter l : limiters) {
            l.rejoin();
        }
        for (FleetBreaker b : breakers.values()) {
            b.rejoin();
        }
    }

    /** The backend is lost: every fleet-wide policy decides locally from now on. Logged once per outage. */
    private void lost(Throwable cause) {
        if (phase == Phase.CLOSED) {
            return;
        }
        // Local shares first, then the phase that health and handles read: whoever sees DEGRADED finds them in place.
        for (FleetLimiter l : limiters) {
            l.degrade(members);
        }
        phase = Phase.DEGRADED;
        connection++;
        heartbeatOut = false;
        lastProbe = clock.nanoTime();
        List<Op> dropped = new ArrayList<>(pending);
        pending.clear();
        for (Op op : dropped) {
            if (!op.done) {
                op.done = true;
                op.onLost.run();
            }
        }
        if (!outageLogged) {
            outageLogged = true;
            int n = members;
            LOG.log(Level.WARNING, () -> "Steadfast " + (everConnected ? "lost" : "could not reach") + " its cluster"
                    + " backend '" + provider.name() + "' (" + describe(cause) + "): fleet-wide rate limits admit"
                    + " their share of the quota (value / " + n + " members) and fleet-wide breakers decide on this"
                    + " instance alone until it answers again");
        }
        joined.countDown();
    }

    private static String describe(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException
                || c instanceof java.util.concurrent.ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c.getClass().getName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
    }

    /**
     * Returns the leases, leaves the membership and closes the backend (on the worker, waiting a bounded time), then
     * stops the worker. Idempotent.
     */
    @Override
    public void close() {
        ClusterWorker w;
        synchronized (this) {
            if (phase == Phase.CLOSED) {
                return;
            }
            boolean started = phase != Phase.IDLE;
            Phase was = phase;
            w = worker;
            if (!started) {
                phase = Phase.CLOSED;
                return;
            }
            Timer.Task t = tick;
            if (t != null) {
                t.cancel();
            }
            CountDownLatch done = new CountDownLatch(1);
            w.execute(() -> {
                try {
                    stop(was);
                } finally {
                    done.countDown();
                }
            });
            phase = Phase.CLOSED;
            joined.countDown();
            try {
                if (!(w instanceof ThreadWorker)) {
                    // a test's worker runs what is queued when it is closed
                    w.close();
                }
                done.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        w.close();
    }

    private void stop(Phase was) {
        ClusterBackend b = backend;
        if (b == null) {
            return;
        }
        if (was == Phase.CONNECTED) {
            for (FleetLimiter l : limiters) {
                try {
                    l.stop(b);
                } catch (RuntimeException e) {
                    LOG.log(Level.DEBUG, "Returning a lease failed", e);
                }
            }
            try {
                b.membership().leave();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "Leaving the fleet failed", e);
            }
        }
        try {
            b.close();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "Closing Steadfast's cluster backend '" + provider.name() + "' failed", e);
        }
        backend = null;
    }

    /** An operation in flight. */
    private static final class Op {

        final long started;
        final long connection;
        final Runnable onLost;
        boolean done;

        Op(long started, long connection, Runnable onLost) {
            this.started = started;
            this.connection = connection;
            this.onLost = onLost;
        }
    }

    /** What a backend gets; its listener queues everything on the worker. */
    private final class Context implements ClusterContext, ClusterListener {

        private final ClusterSetup setup;
        private final String prefix;

        Context(ClusterSetup setup) {
            this.setup = setup;
            this.prefix = "steadfast." + provider.name() + ".";
        }

        @Override
        public String application() {
            return settings.application();
        }

        @Override
        public String memberId() {
            return settings.memberId();
        }

        @Override
        public Optional<String> config(String key) {
            return setup.config(prefix + key).map(String::trim).filter(v -> !v.isEmpty());
        }

        @Override
        public <T> Optional<T> bean(Class<T> type) {
            return setup.beans().find(type);
        }

        @Override
        public ClusterListener listener() {
            return this;
        }

        @Override
        public ClassLoader classLoader() {
            return setup.classLoader();
        }

        @Override
        public Duration requestTimeout() {
            return settings.requestTimeout();
        }

        @Override
        public Duration interval() {
            return settings.interval();
        }

        @Override
        public void summary(BreakerSummary summary) {
            execute(() -> {
                FleetBreaker b = breakers.get(summary.breaker());
                if (b != null && phase == Phase.CONNECTED) {
                    b.received(summary);
                }
            });
        }

        @Override
        public void transition(FleetState state) {
            execute(() -> {
                FleetBreaker b = breakers.get(state.breaker());
                if (b != null && phase == Phase.CONNECTED) {
                    b.received(state);
                }
            });
        }

        @Override
        public void members(Set<String> alive) {
            Set<String> copy = Set.copyOf(alive);
            execute(() -> {
                if (phase == Phase.CONNECTED) {
                    membersAre(copy);
                }
            });
        }

        @Override
        public void connectionLost(Throwable cause) {
            execute(() -> {
                if (phase == Phase.CONNECTED || phase == Phase.JOINING) {
                    lost(cause);
                }
            });
        }

        @Override
        public void connectionRestored() {
            execute(() -> {
                if (phase == Phase.DEGRADED && !probing && backend != null) {
                    probe(clock.nanoTime());
                }
            });
        }
    }
}
