package dev.steadfast.engine.observe;

import dev.steadfast.CallRejected;
import dev.steadfast.CircuitState;
import dev.steadfast.CircuitStateChanged;
import dev.steadfast.FallbackApplied;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.GuardPolicy;
import dev.steadfast.engine.Listeners;
import dev.steadfast.engine.breaker.Breaker;
import dev.steadfast.engine.breaker.BreakerFamily;
import dev.steadfast.spi.KeyedBreakerRecorder;
import dev.steadfast.engine.time.Clock;
import dev.steadfast.spi.BreakerRecorder;
import dev.steadfast.spi.GuardObserver;
import dev.steadfast.spi.GuardRecorder;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link GuardObserver}s of one engine: offers them each operation and breaker as it is built, and routes breaker
 * state changes to the breakers' recorders. With no observers the engine never calls {@link #observe}, so chains are
 * built exactly as without this class. Thread-safe.
 */
public final class Observers {

    private static final System.Logger LOG = System.getLogger("dev.steadfast");

    private final Clock clock;
    private volatile List<GuardObserver> observers = List.of();
    /** Every breaker offered to the observers, by registry name; each is offered once. */
    private final Map<String, BreakerWatch> watched = new ConcurrentHashMap<>();
    /** Every keyed breaker offered to the observers, by registry name; each is offered once. */
    private final Map<String, FamilyWatch> families = new ConcurrentHashMap<>();

    public Observers(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether there is no observer: then operations are built unobserved. */
    public boolean isEmpty() {
        return observers.isEmpty();
    }

    /**
     * Adds observers. Operations and breakers built afterwards are offered to them; those built before are not.
     */
    public synchronized void add(Collection<? extends GuardObserver> more) {
        List<GuardObserver> all = new ArrayList<>(observers);
        for (GuardObserver o : more) {
            all.add(Objects.requireNonNull(o, "observer"));
        }
        observers = List.copyOf(all);
    }

    /** Tells every observer that the engine stops, once; one that throws is logged. */
    public synchronized void close() {
        List<GuardObserver> all = observers;
        observers = List.of();
        for (GuardObserver o : all) {
            try {
                o.close();
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, () -> "Steadfast observer " + o + " failed to close", e);
            }
        }
    }

    /**
     * The listener an engine's breakers announce to: the watched breaker's recorders hear each state change (and its
     * open time is kept), then {@code listener} does.
     */
    public EngineListener forBreakers(EngineListener listener) {
        return new BreakerEvents(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Offers one operation (and its breaker, the first time) to every observer; called while its chain is built.
     * Synchronized: building is rare, and an observer is thus never offered the same breaker twice.
     *
     * @param policy   the operation
     * @param breaker  its breaker, already in the registry; {@code null} without one
     * @param listener the engine's listener
     * @return how to build it observed, or {@code null} when no observer is interested
     */
    public synchronized Observation observe(GuardPolicy policy, Breaker breaker, EngineListener listener) {
        BreakerWatch watch = breaker == null ? null : offer(breaker);
        OperationView view = new OperationView(policy, watch);
        List<GuardRecorder> recorders = new ArrayList<>();
        for (GuardObserver o : observers) {
            try {
                GuardRecorder r = o.observeOperation(view);
                if (r != null) {
                    recorders.add(r);
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, () -> "Steadfast observer " + o + " failed to observe " + policy.name()
                        + "; it will not see that method", e);
            }
        }
        if (recorders.isEmpty()) {
            return null;
        }
        GuardRecorder recorder = new SafeRecorder(policy.name(), recorders);
        EngineListener own = Listeners.of(List.of(listener, new RecorderListener(recorder)));
        return new Observation(view, recorder, own, clock);
    }

    /** Offers a keyed breaker to every observer, the first time an operation using it is built. */
    public synchronized void offerFamily(BreakerFamily family) {
        if (families.containsKey(family.name())) {
            return;
        }
        List<KeyedBreakerRecorder> recorders = new ArrayList<>();
        for (GuardObserver o : observers) {
            try {
                KeyedBreakerRecorder r = o.observeBreakerFamily(family);
                if (r != null) {
                    recorders.add(r);
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, () -> "Steadfast observer " + o + " failed to observe keyed circuit '"
                        + family.name() + "'; it will not see that breaker", e);
            }
        }
        families.put(family.name(), new FamilyWatch(family, recorders.toArray(new KeyedBreakerRecorder[0])));
    }

    /** A keyed breaker's recorders, each told every key's changes with the key's metric tag. */
    private record FamilyWatch(BreakerFamily family, KeyedBreakerRecorder[] recorders) {

        void stateChanged(Object key, CircuitState from, CircuitState to, Instant at) {
            if (recorders.length == 0) {
                return;
            }
            String tag = family.tagOf(key);
            for (KeyedBreakerRecorder r : recorders) {
                try {
                    r.stateChanged(key, tag, from, to, at);
                } catch (RuntimeException | LinkageError e) {
                    LOG.log(Level.WARNING, () -> "Steadfast observer " + r + " of keyed circuit '" + family.name()
                            + "' failed; the breaker goes on", e);
                }
            }
        }
    }

    /** Stops watching {@code breaker}, removed from its registry: a new breaker of its name is watched afresh. */
    public void forget(Breaker breaker) {
        BreakerWatch w = watched.get(breaker.name());
        if (w != null && w.watches(breaker)) {
            watched.remove(breaker.name(), w);
        }
    }

    private BreakerWatch offer(Breaker breaker) {
        BreakerWatch known = watched.get(breaker.name());
        if (known != null && known.watches(breaker)) {
            return known;
        }
        BreakerWatch watch = new BreakerWatch(breaker, clock);
        // Watched (its open time kept) from here on, before any observer sees it.
        watched.put(breaker.name(), watch);
        List<BreakerRecorder> recorders = new ArrayList<>();
        for (GuardObserver o : observers) {
            try {
                BreakerRecorder r = o.observeBreaker(watch);
                if (r != null) {
                    recorders.add(r);
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, () -> "Steadfast observer " + o + " failed to observe circuit '"
                        + breaker.name() + "'; it will not see that breaker", e);
            }
        }
        watch.recorders(recorders);
        return watch;
    }

    /** Forwards everything to the engine's listener, after telling the watched breaker about its state changes. */
    private final class BreakerEvents implements EngineListener {

        private final EngineListener listener;

        BreakerEvents(EngineListener listener) {
            this.listener = listener;
        }

        @Override
        public void stateChanged(String name, CircuitState from, CircuitState to, Instant at) {
            stateChanged(name, from, to, at, CircuitStateChanged.LOCAL);
        }

        @Override
        public void stateChanged(String name, CircuitState from, CircuitState to, Instant at, String origin) {
            BreakerWatch w = watched.get(name);
            if (w != null) {
                w.stateChanged(from, to, at, origin);
            }
            listener.stateChanged(name, from, to, at, origin);
        }

        @Override
        public void retryScheduled(String method, int attempt, Throwable failure, Duration delay) {
            listener.retryScheduled(method, attempt, failure, delay);
        }

        @Override
        public void retriesExhausted(String method, RetryExhaustedException exception) {
            listener.retriesExhausted(method, exception);
        }

        @Override
        public void retryRefused(String method, int attempt, String budget) {
            listener.retryRefused(method, attempt, budget);
        }

        @Override
        public void keyedStateChanged(String name, Object key, CircuitState from, CircuitState to, Instant at) {
            FamilyWatch w = families.get(name);
            if (w != null) {
                w.stateChanged(key, from, to, at);
            }
            listener.keyedStateChanged(name, key, from, to, at);
        }

        @Override
        public void timedOut(String method, Duration timeout) {
            listener.timedOut(method, timeout);
        }

        @Override
        public void fallbackApplied(String method, Throwable failure) {
            listener.fallbackApplied(method, failure);
        }

        @Override
        public void fallbackApplied(FallbackApplied event) {
            listener.fallbackApplied(event);
        }

        @Override
        public boolean timesFallbacks() {
            return listener.timesFallbacks();
        }

        @Override
        public void callRejected(String method, CallRejected.Reason reason) {
            listener.callRejected(method, reason);
        }

        @Override
        public String toString() {
            return listener.toString();
        }
    }
}
